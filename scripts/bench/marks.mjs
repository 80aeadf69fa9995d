// In the page, from its first script on (an init script): the frame in
// which 开始 and then the first step's button (visible, enabled: the
// privacy notice's agree button, or the region step's form button) are
// first painted, as performance.now() in that frame's animation callback,
// in window.__mttFirstStep. Checked in the frame (not in the mutation
// callback: forcing a layout there would add work to the page measured),
// after any change to the document, so a button hidden by a class (the
// static screen on a service-worker visit) counts only once shown.
// The times a harness sees add its own polling and round trips; these do not.
// `tap`: when the click on 开始 reached the page (its event time);
// `tapStatic`, `stepStatic`: whether that 开始 and the step's button were
// the static screen's (index.html) or the live app's.
export const IN_PAGE = `(() => {
  const m = window.__mttFirstStep = {};
  let queued = false;
  const shown = (el) => el && !el.disabled && el.offsetParent !== null;
  const frame = () => {
    queued = false;
    const now = performance.now();
    if (m.start === undefined && shown(document.querySelector('.mtt-start'))) m.start = now;
    // Any shown one: the static screen keeps the steps it does not show hidden.
    const step = [...document.querySelectorAll('.mtt-privacy-agree, form button[type=submit]')].find(shown);
    if (m.step === undefined && step) { m.step = now; m.stepStatic = !!step.closest('.mtt-static'); }
  };
  // The tap on 开始 (the event's own time): the step's time after it.
  addEventListener('click', (e) => {
    if (m.tap === undefined && e.target.closest && e.target.closest('.mtt-start')) { m.tap = e.timeStamp; m.tapStatic = !!e.target.closest('.mtt-static'); }
  }, true);
  new MutationObserver(() => {
    if (!queued && (m.start === undefined || m.step === undefined)) { queued = true; requestAnimationFrame(frame); }
  }).observe(document, { subtree: true, childList: true, attributes: true });
})();`;
