// Type-checks the package's .d.ts the way a portal's TypeScript would use it
// (compile only: `tsc --noEmit`, run by npm/test.mjs when tsc is on PATH).
// Lines under @ts-expect-error must fail to type-check.
import init, * as mtt from "@mantetong/core";
import type { Facts, Result, EvalOptions, Question, Region, Problem, MantetongError } from "@mantetong/core";

export async function demo(): Promise<void> {
  await init();
  const facts: Facts = {
    region: "shanxi-linfen",
    as_of: "2025-09-30",
    applicant: { scheme: "employee", contribution: "normal", arrears: false, insured_in: "shanxi-linfen" },
    disease: { id: "hypertension", grade: 3 },
    diagnosis: { hospital_level: 3 },
    documents: [{ kind: "diagnosis_certificate", issued: "2025-08-20", sealed: true, file: { name: "a.pdf", type: "application/pdf", size: 1 } }],
    expenses: { drugs: 6000, exams: 1200 },
  };
  const opts: EvalOptions = { lang: "en", today: "2025-09-30", region: "shanxi-linfen" };
  const r: Result = mtt.eval(facts, opts);
  const r2: Result = mtt.evaluate(JSON.stringify(facts));
  const status: "eligible" | "ineligible" | "undetermined" = r.eligibility.status;
  const paid: number | null = r.estimate ? r.estimate.reimbursed : null;
  const due: string | null = r2.timeline.decision_by;
  const inpatient: number = r.estimate ? r.estimate.outside.reduce((sum, o) => sum + o.spending, 0) : 0;
  const unknownPart: number = r.estimate ? r.estimate.unestimated : 0;
  const windowFrom: string | null = r.materials[0].window_source;
  const dateSources: string[] = r.timeline.trace.map((t) => t.source);
  const citeTitle: string | undefined = r.eligibility.checks[0].cite?.title;
  const needsSeal: string[] = r.materials[0].seal_accepts;
  const renewalKind: "automatic" | "resubmit" | null = r.timeline.renewal_kind;
  const unsigned = r.materials.flatMap((m) => m.problems).some((p) => p.code === "unsigned");
  const stay: Facts = { documents: [{ kind: "inpatient_records", issued: "2025-09-01", period_end: "2024-11-10", seal: "medical_records_room", signed: true }] };
  void [inpatient, unknownPart, windowFrom, dateSources, citeTitle, needsSeal, renewalKind, unsigned, stay];
  const q: Question | null = mtt.nextQuestion(facts);
  const regions: Region[] = mtt.regions();
  const problems: Problem[] = mtt.validate({});
  const v: string = mtt.version();
  const c: number = mtt.contractVersion();
  try {
    mtt.eval({});
  } catch (e) {
    const err = e as MantetongError;
    const paths: string[] = err.problems.map((p) => p.path);
    void paths;
  }
  // @ts-expect-error: scheme is employee or resident
  const bad1: Facts = { applicant: { scheme: "commercial" } };
  // @ts-expect-error: unknown material id
  const bad2: Facts = { documents: [{ kind: "passport" }] };
  // @ts-expect-error: lang is zh or en
  const bad3: EvalOptions = { lang: "fr" };
  // @ts-expect-error: a seal kind the contract does not name
  const bad5: Facts = { documents: [{ kind: "exam_reports", seal: "stamp" }] };
  void bad5;
  // @ts-expect-error: eligibility.status is not a number
  const bad4: number = r.eligibility.status;
  // @ts-expect-error: _eval is wasm-bindgen's internal name, not part of the API
  mtt._eval(facts);
  void [status, paid, due, q, regions, problems, v, c, bad1, bad2, bad3, bad4];
}
