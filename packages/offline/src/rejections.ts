import * as pulumiOutput from '@pulumi/pulumi/output';
import * as debuggable from '@pulumi/pulumi/runtime/debuggable';

/*
 * Why this module exists (docs/adr/0002-failed-registrations-reject-run.md).
 *
 * When a resource input fails (an `apply` throws, an invoke rejects), @pulumi/pulumi 3.248 does
 * not tell the caller: the registration promise it keeps internally rejects with nobody
 * listening, the resource's own outputs never settle, and every resource or component output
 * that waits on them keeps `runtime.waitForRPCs()` pending forever. The SDK relies on the
 * process `unhandledRejection` handler of the language host to end the program. Under Jest that
 * handler is out of reach (the test sees a copy of `process` whose listeners never fire) and
 * Jest's own handler fails the test with the bare serialisation message.
 *
 * So while `OfflineRuntime.run()` is in progress, two narrow taps on SDK internals report
 * those failures to the run instead:
 * - registration promises (labelled `resource:<name>[<type>]`) get a handler that reports the
 *   error, which also marks them handled;
 * - an Output being serialised as an input has its eager `isKnown`/`isSecret` promises marked
 *   handled: the serialiser reads them itself, and a failure there fails the registration,
 *   which the first tap reports. Without this they are unhandled copies of the same error.
 * Outside a run nothing changes.
 */

type Report = (err: unknown) => void;
type DebuggablePromise = (p: Promise<unknown>, ctx: unknown) => Promise<unknown>;
type GetAllResources = (op: unknown) => Promise<unknown>;

interface DebuggableModule {
  debuggablePromise?: DebuggablePromise;
}
interface OutputModule {
  getAllResources?: GetAllResources;
}

/** Marks a function as one of our taps, so a second install does not wrap it again. */
const TAP = Symbol.for('@phi-platform/offline:rejection-tap');

/** Where failures go while a run is in progress; undefined otherwise. */
let report: Report | undefined;
/** How many times a tap fired: lets a run tell progress from a stall. */
let activity = 0;

const ignore = (): void => undefined;

function isTapped(fn: unknown): boolean {
  return typeof fn === 'function' && (fn as unknown as Record<symbol, unknown>)[TAP] === true;
}

function markTapped<F>(fn: F): F {
  Object.defineProperty(fn, TAP, { value: true });
  return fn;
}

function handled(value: unknown): void {
  const then = (value as { then?: unknown } | null | undefined)?.then;
  if (typeof then === 'function') {
    (then as (a: unknown, b: unknown) => unknown).call(value, undefined, ignore);
  }
}

/**
 * Installs the taps into the loaded @pulumi/pulumi (idempotent). Throws if the SDK no longer
 * has the internals they wrap, so an SDK upgrade fails loudly instead of hanging tests.
 */
export function installRejectionTaps(): void {
  const d = debuggable as unknown as DebuggableModule;
  const o = pulumiOutput as unknown as OutputModule;
  const originalPromise = d.debuggablePromise;
  const originalResources = o.getAllResources;
  if (typeof originalPromise !== 'function' || typeof originalResources !== 'function') {
    throw new Error(
      '@phi-platform/offline expects @pulumi/pulumi 3.248 internals ' +
        '(runtime/debuggable.debuggablePromise, output.getAllResources) and did not find them; ' +
        'see docs/adr/0002-failed-registrations-reject-run.md of @phi-platform/offline.',
    );
  }
  if (!isTapped(originalPromise)) {
    d.debuggablePromise = markTapped((p: Promise<unknown>, ctx: unknown) => {
      const result = originalPromise(p, ctx);
      const to = report;
      if (to !== undefined && typeof ctx === 'string' && ctx.startsWith('resource:')) {
        activity++;
        result.then(undefined, (err: unknown) => {
          activity++;
          to(err);
        });
      }
      return result;
    });
  }
  if (!isTapped(originalResources)) {
    o.getAllResources = markTapped((op: unknown) => {
      if (report !== undefined && op !== null && typeof op === 'object') {
        activity++;
        const outputLike = op as { isKnown?: unknown; isSecret?: unknown };
        handled(outputLike.isKnown);
        handled(outputLike.isSecret);
      }
      return originalResources(op);
    });
  }
}

/** Sends failures to `to` until the returned function is called. */
export function reportRejectionsTo(to: Report): () => void {
  const previous = report;
  report = to;
  return () => {
    report = previous;
  };
}

/** A counter that moves whenever a tap fires. */
export function tapActivity(): number {
  return activity;
}
