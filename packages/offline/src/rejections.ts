import * as pulumi from '@pulumi/pulumi';
import * as pulumiOutput from '@pulumi/pulumi/output';
import * as debuggable from '@pulumi/pulumi/runtime/debuggable';
import * as resourceOps from '@pulumi/pulumi/runtime/resource';

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
 *   which the first tap reports. Without this they are unhandled copies of the same error;
 * - a component's `registerOutputs` waits until its outputs resolve before handing them to the
 *   SDK: if one fails, the failure is reported and the SDK is not called, because the SDK
 *   deliberately re-raises a failed output registration as an unhandled rejection.
 * Outside a run nothing changes.
 */

/** What a run lends the taps: where failures go, and a way to count work the taps defer. */
export interface RunHooks {
  report(err: unknown): void;
  /** Marks deferred work in flight; call the returned function when it is done. */
  hold(): () => void;
}
type DebuggablePromise = (p: Promise<unknown>, ctx: unknown) => Promise<unknown>;
type GetAllResources = (op: unknown) => Promise<unknown>;
type RegisterOutputs = (res: unknown, outputs: unknown) => void;

interface DebuggableModule {
  debuggablePromise?: DebuggablePromise;
}
interface OutputModule {
  getAllResources?: GetAllResources;
}
interface ResourceOpsModule {
  registerResourceOutputs?: RegisterOutputs;
}

/** Marks a function as one of our taps, so a second install does not wrap it again. */
const TAP = Symbol.for('@phi-platform/offline:rejection-tap');

/** The run in progress, if any. */
let run: RunHooks | undefined;
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
  const r = resourceOps as unknown as ResourceOpsModule;
  const originalResources = o.getAllResources;
  const originalOutputs = r.registerResourceOutputs;
  if (
    typeof originalPromise !== 'function' ||
    typeof originalResources !== 'function' ||
    typeof originalOutputs !== 'function'
  ) {
    throw new Error(
      '@phi-platform/offline expects @pulumi/pulumi 3.248 internals ' +
        '(runtime/debuggable.debuggablePromise, output.getAllResources, ' +
        'runtime/resource.registerResourceOutputs) and did not find them; see ' +
        'docs/adr/0002-failed-registrations-reject-run.md of @phi-platform/offline.',
    );
  }
  if (!isTapped(originalPromise)) {
    d.debuggablePromise = markTapped((p: Promise<unknown>, ctx: unknown) => {
      const result = originalPromise(p, ctx);
      const to = run;
      if (to !== undefined && typeof ctx === 'string' && ctx.startsWith('resource:')) {
        activity++;
        result.then(undefined, (err: unknown) => {
          activity++;
          to.report(err);
        });
      }
      return result;
    });
  }
  if (!isTapped(originalResources)) {
    o.getAllResources = markTapped((op: unknown) => {
      if (run !== undefined && op !== null && typeof op === 'object') {
        activity++;
        const outputLike = op as { isKnown?: unknown; isSecret?: unknown };
        handled(outputLike.isKnown);
        handled(outputLike.isSecret);
      }
      return originalResources(op);
    });
  }
  if (!isTapped(originalOutputs)) {
    r.registerResourceOutputs = markTapped((res: unknown, outputs: unknown) => {
      const to = run;
      if (to === undefined) {
        originalOutputs(res, outputs);
        return;
      }
      activity++;
      const release = to.hold();
      // Resolving the outputs ourselves: a fresh Output whose internals we can mark handled.
      const all = pulumi.output(outputs as Record<string, unknown>) as unknown as {
        isKnown: unknown;
        isSecret: unknown;
        promise(): Promise<unknown>;
      };
      handled(all.isKnown);
      handled(all.isSecret);
      all.promise().then(
        () => {
          activity++;
          release();
          originalOutputs(res, outputs);
        },
        (err: unknown) => {
          activity++;
          release();
          to.report(err);
        },
      );
    });
  }
}

/** Lends the taps to a run until the returned function is called. */
export function tapRun(hooks: RunHooks): () => void {
  const previous = run;
  run = hooks;
  return () => {
    run = previous;
  };
}

/** A counter that moves whenever a tap fires. */
export function tapActivity(): number {
  return activity;
}
