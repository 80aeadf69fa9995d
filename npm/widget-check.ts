// Type-checks the widget's types the way a portal's TypeScript uses them
// (compile only, run by npm/test.mjs). Lines under @ts-expect-error must fail.
import type { MountConfig, MantetongHandle, FrameMessage, PortalMessage } from "@mantetong/core/widget";

export async function portal(APP: string): Promise<void> {
  const { mount, MantetongError } = (await import(`${APP}/mantetong-widget.js`)) as typeof import("@mantetong/core/widget");
  const el = document.getElementById("checker")!;
  const config: MountConfig = { region: "shanxi-linfen", lang: "en", elder: true, receiver: "临汾市医疗保障局", theme: { primary: "#7a1f1f" } };
  try {
    const app: MantetongHandle = await mount(el, config);
    const lang: "zh-CN" | "en" = app.ready.lang;
    app.update({ lang: "zh-CN", theme: { "primary-dark": "#5a1515" } });
    void lang;
  } catch (e) {
    if (e instanceof MantetongError && e.code === "region") console.warn(e.message);
  }
  el.addEventListener("mtt:step", (e) => {
    const n: number | null = e.detail.index;
    void n;
  });
  el.addEventListener("mtt:error", (e) => {
    if (e.detail.code === "submit" && e.detail.retrying) console.info("retrying");
  });
  const tag = document.createElement("mantetong-app");
  void tag.mounted;
  addEventListener("message", (e: MessageEvent<FrameMessage>) => {
    if (e.data.type === "resize") console.info(e.data.height);
  });
  const msg: PortalMessage = { type: "config", lang: "en" };
  void msg;
  // @ts-expect-error: lang is zh-CN or en
  const bad1: MountConfig = { lang: "fr" };
  // @ts-expect-error: elder is a boolean
  const bad2: MountConfig = { elder: "yes" };
  // @ts-expect-error: sizes are not themable
  const bad3: MountConfig = { theme: { size: "9px" } };
  void [bad1, bad2, bad3];
}
