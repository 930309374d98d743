import { useLocation, useNavigate } from "@remix-run/react";
import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { t } from "~/i18n";

/**
 * A long form shown one step per screen on a phone (with JavaScript), and as one page on larger
 * screens and without JavaScript. Steps only hide and show the fieldsets of the same <form>,
 * so nothing typed is lost between steps and the form posts the same way in every mode.
 */
const SMALL_SCREEN = "(max-width: 639px)";

function subscribeToScreen(onChange: () => void) {
  const query = window.matchMedia(SMALL_SCREEN);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/** True on a phone-sized screen once JavaScript runs; false on the server and without JS. */
export function useSmallScreen() {
  return useSyncExternalStore(
    subscribeToScreen,
    () => window.matchMedia(SMALL_SCREEN).matches,
    () => false,
  );
}

export const stepHeadingId = (step: number) => `step-${step}-heading`;

const STEP_HASH = /^#stap-([1-9])$/;

/**
 * The current step, kept in the address as #stap-2 so the phone's Back button goes to the
 * previous step instead of leaving the form (and what was typed). A hash-only change runs no
 * loaders and keeps the form mounted. Moving to another step puts focus on its heading (so
 * screen readers announce it) and the page back at the top of the form. Steps not reached yet
 * are not opened from the address (a reload on #stap-3 starts at step 1).
 */
export function useSteps(total: number, enabled: boolean) {
  const location = useLocation();
  const navigate = useNavigate();
  const [reached, setReached] = useState(1);
  // Another hash (a link to a field, the skip link) keeps the step that was shown.
  const [lastStep, setLastStep] = useState(1);
  const match = STEP_HASH.exec(location.hash);
  const fromHash = match ? Number(match[1]) : location.hash ? lastStep : 1;
  const step = enabled ? Math.min(Math.max(1, fromHash), reached, total) : 1;
  // Remembered while rendering (React's pattern for state that follows other values).
  if (lastStep !== step) setLastStep(step);
  const shown = useRef(step);
  const addressOf = (n: number) => ({ pathname: location.pathname, search: location.search, hash: n === 1 ? "" : `#stap-${n}` });
  // Opened on a step not reached (a reload on #stap-3, which a phone does with a tab in the
  // background): the address and its history entry follow the step shown, so Vorige and Back
  // do not land on an entry that shows the same step.
  useEffect(() => {
    if (enabled && match && Number(match[1]) > reached) {
      navigate(addressOf(step), { replace: true, preventScrollReset: true });
    }
    // Only on arrival.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled]);
  useEffect(() => {
    if (!enabled || shown.current === step) return;
    shown.current = step;
    const heading = document.getElementById(stepHeadingId(step));
    heading?.focus();
    heading?.scrollIntoView({ block: "start" });
    // Leaflet measures its box on window resize; a map that was hidden needs that.
    window.dispatchEvent(new Event("resize"));
  }, [step, enabled]);
  const goTo = (next: number) => {
    const target = Math.min(total, Math.max(1, next));
    if (target === step) return;
    setReached((value) => Math.max(value, target));
    const to = addressOf(target);
    const state = location.state as { reportStepFrom?: number } | null;
    if (target > step) navigate(to, { state: { reportStepFrom: step }, preventScrollReset: true });
    // Back to the step this entry came from: the same as the browser's Back button.
    else if (state?.reportStepFrom === target) navigate(-1);
    else navigate(to, { replace: true, preventScrollReset: true });
  };
  return { step, goTo, total, enabled, isVisible: (n: number) => !enabled || n === step };
}

export type Steps = ReturnType<typeof useSteps>;

/** The legend of a step's fieldset: "Stap 2 van 4" above the title on a phone, "2. Title" otherwise. */
export function StepLegend({ steps, number, title }: { steps: Steps; number: number; title: string }) {
  return (
    <legend className="float-left mb-2 w-full">
      {steps.enabled ? (
        <span className="block text-sm font-semibold text-gray-700">
          {t("confirm.steps.progress", { step: number, total: steps.total })}
        </span>
      ) : null}
      <h2 id={stepHeadingId(number)} tabIndex={-1} className="text-xl font-bold focus:outline-none">
        {steps.enabled ? title : `${number}. ${title}`}
      </h2>
    </legend>
  );
}

/** Vorige / Volgende at the bottom of a step, within thumb reach; the last step shows `last`. */
export function StepNavigation({ steps, onNext, last }: { steps: Steps; onNext: () => void; last: ReactNode }) {
  if (!steps.enabled) return <>{last}</>;
  return (
    <div className="flex gap-3">
      {steps.step > 1 ? (
        <button type="button" className="btn-secondary flex-1" onClick={() => steps.goTo(steps.step - 1)}>
          {t("confirm.steps.previous")}
        </button>
      ) : null}
      {steps.step < steps.total ? (
        <button type="button" className="btn-primary flex-1" onClick={onNext}>
          {t("confirm.steps.next")}
        </button>
      ) : (
        <div className="flex-1 [&>button]:w-full">{last}</div>
      )}
    </div>
  );
}
