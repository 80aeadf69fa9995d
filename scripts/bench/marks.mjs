// In the page, from its first script on (an init script): the frame in
// which 开始 and then the first step's button (visible, enabled: the
// privacy notice's agree button, or the region step's form button) are
// first shown, in window.__mttFirstStep, ms from navigation start
// (performance.now()):
//  - `start`, `step`: in that frame's animation callback, i.e. before the
//    frame's own style, layout and paint;
//  - `startPainted`, `stepPainted`: in a task posted from that callback,
//    which runs once the frame's main-thread rendering (style, layout,
//    paint, commit) is done: when the pixels are on their way, the time a
//    person could first see the button.
// Checked in the frame (not in the mutation callback: forcing a layout
// there would add work to the page measured), after any change to the
// document, so a button hidden by a class (the static screen on a
// service-worker visit) counts only once shown.
// The times a harness sees add its own polling and round trips; these do not.
// `tap`: when the click on 开始 reached the page (its event time: for a
// touch, when the browser took the finger's lift, before any wait for the
// page's main thread); `tapStatic`, `stepStatic`: whether that 开始 and the
// step's button were the static screen's (index.html) or the live app's;
// `firstClick`, `firstClickOn`: the first click anywhere (a tap that missed);
// `touch`: the first touchstart's event time (the finger down).
// If the harness added the CDP binding BINDING (Runtime.addBinding: no
// round trip through the harness's own script in the page), the page calls
// it with {kind: 'start', x, y} (开始's centre, CSS px in the viewport) once
// 开始's frame is rendered, and with {kind: 'step'} once the step's is: the
// harness can tap the moment 开始 is shown and learn when the step is,
// without polling the page. `scrolled`: when 开始, shown below the fold,
// was scrolled into view (by script) before the page told the harness;
// `startAt`: where it told it to tap, and when.
export const BINDING = '__mttBench';
export const IN_PAGE = `(() => {
  const m = window.__mttFirstStep = {};
  let queued = false;
  const shown = (el) => el && !el.disabled && el.offsetParent !== null;
  const tell = (d) => { const b = window.${BINDING}; if (typeof b === 'function') b(JSON.stringify(d)); };
  // A task posted from the animation callback: it runs after the frame's rendering.
  const afterFrame = (f) => { const c = new MessageChannel(); c.port1.onmessage = () => { c.port1.close(); f(); }; c.port2.postMessage(0); };
  const frame = () => {
    queued = false;
    const now = performance.now();
    const start = m.start === undefined && [...document.querySelectorAll('.mtt-start')].find(shown);
    if (start) {
      m.start = now;
      const ready = () => {
        if (m.startPainted === undefined) m.startPainted = performance.now();
        const r = start.getBoundingClientRect();
        // Below the fold (the home page's 开始 on a 412×823 phone): scrolled
        // into view by script, as Playwright's click does before clicking,
        // and told once that frame is rendered; a person's swipe is not in it.
        if ((r.top < 0 || r.bottom > innerHeight) && m.scrolled === undefined) {
          m.scrolled = performance.now();
          start.scrollIntoView({ block: 'center' });
          requestAnimationFrame(() => afterFrame(ready));
          return;
        }
        m.startAt = { x: r.left + r.width / 2, y: r.top + r.height / 2, at: performance.now() };
        tell({ kind: 'start', x: m.startAt.x, y: m.startAt.y });
      };
      afterFrame(ready);
    }
    // Any shown one: the static screen keeps the steps it does not show hidden.
    const step = m.step === undefined && [...document.querySelectorAll('.mtt-privacy-agree, form button[type=submit]')].find(shown);
    if (step) {
      m.step = now; m.stepStatic = !!step.closest('.mtt-static');
      afterFrame(() => { m.stepPainted = performance.now(); tell({ kind: 'step' }); });
    }
  };
  // The tap on 开始 (the event's own time): the step's time after it.
  addEventListener('click', (e) => {
    const t = e.target.closest ? e.target : e.target.parentElement;
    if (m.firstClick === undefined) { m.firstClick = e.timeStamp; m.firstClickOn = t ? t.tagName + (t.className ? '.' + String(t.className).split(' ').join('.') : '') : '?'; }
    if (m.tap === undefined && t && t.closest('.mtt-start')) { m.tap = e.timeStamp; m.tapStatic = !!t.closest('.mtt-static'); }
  }, true);
  // The finger down (passive: the page's scrolling does not wait for it).
  addEventListener('touchstart', (e) => { if (m.touch === undefined) m.touch = e.timeStamp; }, { capture: true, passive: true });
  new MutationObserver(() => {
    if (!queued && (m.start === undefined || m.step === undefined)) { queued = true; requestAnimationFrame(frame); }
  }).observe(document, { subtree: true, childList: true, attributes: true });
})();`;
