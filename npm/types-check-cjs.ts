// TypeScript compiled to CommonJS (module: commonjs, esModuleInterop), the
// way many portal back ends build: npm/test.mjs compiles this against the
// package and runs it under Node. It prints "eligible 4000".
import init, * as mtt from "@mantetong/core";

// No DOM and no @types/node in this project: what it uses of Node, declared.
declare const console: { log(...args: unknown[]): void; error(...args: unknown[]): void };
declare const process: { exit(code: number): never };
import type { Facts } from "@mantetong/core";

async function main(): Promise<void> {
  await init(); // a no-op in Node, accepted so the same code runs in browsers
  const facts: Facts = {
    region: "shanxi-linfen",
    as_of: "2025-09-30",
    applicant: { insured_in: "shanxi-linfen", contribution: "normal", arrears: false, hukou_local: true },
    disease: { id: "hypertension", grade: 3 },
    diagnosis: { hospital_level: 2, hospital_public: true },
    expenses: { drugs: 6000, exams: 1200 },
  };
  const r = mtt.eval(facts);
  console.log(r.eligibility.status, r.estimate ? r.estimate.reimbursed : null);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
