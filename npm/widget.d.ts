// Types of the widget loader `https://APP-ORIGIN/mantetong-widget.js`
// (app/widget/mantetong-widget.js) and of its events, for portals written in
// TypeScript. The loader is served by the app, not by this package:
//
//   import type { MountConfig, MantetongHandle } from "@mantetong/core/widget";
//   const { mount } = (await import(APP + "/mantetong-widget.js")) as typeof import("@mantetong/core/widget");
//
// Importing this module (even as `import type`) also types the `mtt:*`
// events on every element and the `<mantetong-app>` element. The guide is
// docs/portal.md in the mantetong repository.

/** A region id from `APP-ORIGIN/regions/index.json`, e.g. `shanxi-linfen`. */
export type RegionId = string;

/** The `--mtt-*` theme variables a portal may set (colours and font family). */
export type ThemeName =
  | "primary" | "primary-dark" | "on-primary" | "text" | "muted" | "bg" | "surface"
  | "border" | "error" | "ok" | "warn" | "focus" | "font";

/** The second argument of `mount()`; every field is optional. */
export interface MountConfig {
  /** Lock to one region: the region step is skipped, no other region offered. */
  region?: RegionId;
  /** The interface language (over the person's saved choice). */
  lang?: "zh-CN" | "en";
  /** Elder mode (适老化) when the person has not chosen. */
  elder?: boolean;
  /** Where applications are submitted (protocol v1). Default: APP-ORIGIN/api/v1/applications. */
  endpoint?: string;
  /** The receiving body's official name, shown where the person submits. */
  receiver?: string;
  /** Where `regions/` and `calendar/` are read. Default: APP-ORIGIN. */
  packBase?: string;
  /** Fetch the flow's module only when the person starts. Default true. */
  lazy?: boolean;
  /** `false` hides the app's name in its header. */
  brand?: boolean;
  /** An absolute image URL shown before the app's name. */
  logo?: string;
  /** `--mtt-*` variables: `{ primary: "#7a1f1f" }`. */
  theme?: Partial<Record<ThemeName, string>>;
}

/** What `update()` may change on a running app. */
export type LiveConfig = Pick<MountConfig, "lang" | "elder" | "endpoint" | "receiver" | "theme">;

/** `{ lang, elder, region }`: the `mtt:ready` detail. */
export interface MantetongState {
  lang: "zh-CN" | "en";
  elder: boolean;
  region: RegionId | null;
}

/** What `mount()` resolves with. */
export interface MantetongHandle {
  /** The `mtt:ready` detail, for a listener that comes late. */
  readonly ready: MantetongState;
  /** The state now (`null` after unmount). */
  readonly state: MantetongState | null;
  /** The host element, where events are dispatched. */
  readonly element: Element;
  /** Changes the running app; a field of the wrong type is left out with a console warning. */
  update(changes: LiveConfig): void;
  /** Removes the app; the element shows its own content again. */
  unmount(): void;
}

/** The `code` of a `MantetongError` and of `mtt:error`. */
export type ErrorCode =
  | "script" | "wasm" | "stylesheet" | "region" | "pack" | "calendar" | "endpoint"
  | "trusted-types" | "element" | "mount" | "unmounted" | "submit";

/** What `mount()` rejects with. */
export declare class MantetongError extends Error {
  readonly code: ErrorCode;
}

/** Mounts the app into `element` (in its shadow root). */
export declare function mount(element: Element, config?: MountConfig): Promise<MantetongHandle>;

/** The app version of this loader. */
export declare const version: string;

export interface StepDetail {
  /** The step's route, e.g. `/apply/who`, `/apply/q/disease/id`. */
  path: string;
  /** 1…total for the numbered steps, null elsewhere. */
  index: number | null;
  total: number;
}

export interface ErrorDetail {
  code: ErrorCode;
  message: string;
  /** `submit` only: the app retries by itself. */
  retrying?: boolean;
  /** `submit` only: attempts so far. */
  attempts?: number;
}

/** Every `mtt:*` event's detail. None carries personal data. */
export interface MantetongEventDetails {
  "mtt:ready": MantetongState;
  "mtt:step": StepDetail;
  "mtt:language": { lang: "zh-CN" | "en" };
  "mtt:elder": { elder: boolean };
  "mtt:result": { status: "eligible" | "ineligible" | "undetermined"; region: RegionId };
  "mtt:submitted": { receipt: string; received_at: string; status: string };
  "mtt:error": ErrorDetail;
}

export type MantetongEventMap = { [K in keyof MantetongEventDetails]: CustomEvent<MantetongEventDetails[K]> };

/** The iframe's messages to the portal (`event.data`). */
export type FrameMessage = { source: "mantetong"; version: 1 } & (
  | ({ type: "ready" } & MantetongState)
  | { type: "resize"; height: number }
  | ({ type: "step" } & StepDetail)
  | { type: "language"; lang: "zh-CN" | "en" }
  | { type: "elder"; elder: boolean }
  | ({ type: "result" } & MantetongEventDetails["mtt:result"])
  | ({ type: "submitted" } & MantetongEventDetails["mtt:submitted"])
  | ({ type: "error" } & ErrorDetail)
);

/** The portal's messages to the iframe. */
export type PortalMessage =
  | ({ type: "config" } & LiveConfig)
  | { type: "setLanguage"; lang: "zh-CN" | "en" };

/** `<mantetong-app>`. */
export interface MantetongAppElement extends HTMLElement {
  /** The handle once mounted, null before (and after an error). */
  readonly app: MantetongHandle | null;
  /** Resolves with the handle; rejects with the MantetongError. */
  readonly mounted: Promise<MantetongHandle> | null;
}

declare global {
  interface HTMLElementEventMap extends MantetongEventMap {}
  interface HTMLElementTagNameMap {
    "mantetong-app": MantetongAppElement;
  }
}
