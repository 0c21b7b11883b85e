import * as pulumi from '@pulumi/pulumi';
import { IdSource } from './ids';
import { answerInvoke } from './invokes';
import { installRejectionTaps, tapActivity, tapRun } from './rejections';
import { RegionInfo, resolveRegion } from './regions';
import { buildState, ResourceContext } from './resource-state';
import { decodeProperties, isMarkedSecret, markSecret, unwrapSecrets } from './wire';
import { ZONE_DATA } from './zone-data';

/** One resource the program registered, as the mocks saw it. */
export interface RecordedResource {
  readonly urn: string;
  /** Type token, e.g. `aws:kms/key:Key` or `phi-platform:crypto:EncryptionKey`. */
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  /** URN of the parent resource, or null at the top. */
  readonly parent: string | null;
  /**
   * URNs this resource depends on: explicit `dependsOn` plus every resource an input came from
   * (the engine does not tell the two apart; see `propertyDependencies`).
   */
  readonly dependsOn: string[];
  /** For each input, the URNs its value came from. */
  readonly propertyDependencies: Record<string, string[]>;
  /** Inputs with secrets unwrapped, for assertions. Never print these: see `secretPaths`. */
  readonly inputs: Record<string, unknown>;
  /** Paths into `inputs` whose values were secret (`masterPassword`, `tags.token`, `list[0]`). */
  readonly secretPaths: string[];
  /** What the mocks returned: inputs plus computed attributes (id, arn, endpoints...). */
  readonly state: Record<string, unknown>;
  /** Paths into `state` whose values are secret. */
  readonly stateSecretPaths: string[];
  /** Physical id; empty for component resources. */
  readonly id: string;
  /** True for provider-managed resources, false for components. */
  readonly custom: boolean;
  /** `register` for new resources, `read` for `Resource.get(...)`. */
  readonly operation: 'register' | 'read';
  /** The provider reference (`<urn>::<id>`) if the resource named one. */
  readonly provider: string | null;
  /** Options visible in the registration. */
  readonly options: {
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    readonly ignoreChanges: string[];
    readonly additionalSecretOutputs: string[];
    readonly deletedWith: string | null;
  };
  /** Outputs a component registered with `registerOutputs` (plain values), if any. */
  outputs?: Record<string, unknown>;
  /** Paths into `outputs` whose values are secret. */
  outputSecretPaths?: string[];
}

export interface InstallMocksOptions {
  /** Region code, validated against the AWS partition data (e.g. `us-gov-west-1`). */
  readonly region: string;
  /** @default '123456789012' */
  readonly accountId?: string;
  /** @default 'phi-platform' */
  readonly project?: string;
  /** @default 'offline' */
  readonly stack?: string;
  /**
   * Configuration as `'<namespace>:<key>' -> value` (like `pulumi config set`). `aws:region`
   * is set to `region` unless given here.
   * @default {}
   */
  readonly config?: Record<string, string>;
  /**
   * Config keys (same form as in `config`) whose values are secret.
   * @default []
   */
  readonly secretConfigKeys?: string[];
}

export interface RunResult<T> {
  /** What the program function returned (awaited). */
  readonly value: T;
  /** Resources registered while the function and its outputs ran. */
  readonly resources: RecordedResource[];
}

// Shapes of the protobuf messages the mock monitor receives. Only what the recorder reads.
interface Struct {
  toJavaScript(): Record<string, unknown>;
}
interface UrnList {
  getUrnsList(): string[];
}
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): Struct | undefined;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(cb: (value: UrnList, key: string) => void): void };
  getProvider(): string;
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getIgnorechangesList(): string[];
  getAdditionalsecretoutputsList(): string[];
  getDeletedwith(): string;
}
interface ReadRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProperties(): Struct | undefined;
  getDependenciesList(): string[];
  getProvider(): string;
  getAdditionalsecretoutputsList(): string[];
}
interface RegisterResponse {
  getUrn(): string;
  getId?(): string;
  getObject?(): Struct | undefined;
  getProperties?(): Struct | undefined;
}
interface OutputsRequest {
  getUrn(): string;
  getOutputs(): Struct | undefined;
}
type Callback = (err: unknown, resp: unknown) => void;
interface HookableMonitor {
  registerResource(req: unknown, cb: Callback): unknown;
  readResource(req: unknown, cb: Callback): unknown;
  registerResourceOutputs(req: unknown, cb: Callback): unknown;
}

const DEFAULT_ACCOUNT = '123456789012';

/** Global services whose resources carry no region attribute. */
const GLOBAL_SERVICES = new Set(['iam', 'route53', 'organizations', 'cloudfront']);

let active: OfflineRuntime | undefined;

/** The SDK's wait for its RPC queue (internal to @pulumi/pulumi, present in 3.x). */
const waitForRPCs = (pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> })
  .waitForRPCs;

function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

const SERIALIZING_PREFIX = /^(?:error serializing property "[^"]*": )+/;

/**
 * The SDK prefixes `error serializing property "<name>": ` to an error's message each time a
 * registration reads the failed value, so one error shared by ten subnets carries ten prefixes.
 * Keep only the first one added (the innermost), which names the input that failed first.
 */
function tidied(err: unknown): Error {
  const e = asError(err);
  const match = SERIALIZING_PREFIX.exec(e.message);
  if (match !== null) {
    const prefixes = match[0].split(/(?<=": )/).filter((p) => p.length > 0);
    const innermost = prefixes[prefixes.length - 1] ?? '';
    e.message = innermost + e.message.slice(match[0].length);
  }
  return e;
}

/**
 * The SDK turns a failed monitor call into `new Error(err.details)` (the gRPC field), so an
 * error thrown by a mock keeps its message only if it also carries `details`.
 */
function withDetails(err: unknown): Error {
  const e = asError(err) as Error & { details?: string };
  if (e.details === undefined) e.details = e.message;
  return e;
}

/**
 * An installed set of AWS-aware mocks for one region and account, with a recorder of every
 * registration. Create with {@link installMocks}; a later `installMocks` replaces it.
 */
export class OfflineRuntime {
  readonly region: string;
  readonly partition: string;
  readonly dnsSuffix: string;
  readonly accountId: string;
  readonly project: string;
  readonly stack: string;
  /** AWS's description of the region, e.g. `Europe (Frankfurt)`. */
  readonly regionDescription: string;
  /** False when the region's zone data could not be checked (see src/zone-data.ts). */
  readonly zonesVerified: boolean;
  /** Every invoke answered, in order (token and inputs). */
  readonly invokes: { token: string; inputs: Record<string, unknown> }[] = [];

  private readonly info: RegionInfo;
  private readonly recorded: RecordedResource[] = [];
  private readonly errors: unknown[] = [];
  private readonly providerRegions = new Map<string, string>();
  private pending = 0;
  /** The failure that left registrations pending for good, if a run had one. */
  private stalledBy: unknown;
  private failureSignal: Promise<void> | undefined;
  private failureWake: (() => void) | undefined;
  /** The request being registered, while the mock monitor calls `newResource` for it. */
  private current: RegisterRequest | undefined;
  /** Parent URN of the resource being registered or read, for the same window as `current`. */
  private currentParent = '';
  /** Every id-like value invented so far, so that no two resources get the same one. */
  private readonly issued = new Set<string>();

  /** @internal use {@link installMocks}. */
  constructor(options: InstallMocksOptions, info: RegionInfo) {
    this.info = info;
    this.region = info.region;
    this.partition = info.partition;
    this.dnsSuffix = info.dnsSuffix;
    this.regionDescription = info.description;
    this.accountId = options.accountId ?? DEFAULT_ACCOUNT;
    this.project = options.project ?? 'phi-platform';
    this.stack = options.stack ?? 'offline';
    this.zonesVerified = ZONE_DATA[info.region]?.verified ?? false;
  }

  /** Everything registered so far in this runtime, in completion order. */
  resources(): RecordedResource[] {
    return [...this.recorded];
  }

  /** Recorded resources of one type token. */
  byType(type: string): RecordedResource[] {
    return this.recorded.filter((r) => r.type === type);
  }

  /**
   * The single resource of a type, optionally narrowed by logical name or a predicate. Throws
   * (listing what there is) unless exactly one matches.
   */
  one(
    type: string,
    nameOrPredicate?: string | ((r: RecordedResource) => boolean),
  ): RecordedResource {
    const ofType = this.byType(type);
    const matching =
      nameOrPredicate === undefined
        ? ofType
        : typeof nameOrPredicate === 'string'
          ? ofType.filter((r) => r.name === nameOrPredicate)
          : ofType.filter(nameOrPredicate);
    if (matching.length !== 1) {
      const which = typeof nameOrPredicate === 'string' ? ` named "${nameOrPredicate}"` : '';
      throw new Error(
        `Expected exactly one ${type}${which}, found ${matching.length}. Registered of that ` +
          `type: [${ofType.map((r) => r.name).join(', ')}]`,
      );
    }
    return matching[0] as RecordedResource;
  }

  /** The recorded resource with this URN, or undefined. */
  byUrn(urn: string): RecordedResource | undefined {
    return this.recorded.find((r) => r.urn === urn);
  }

  /**
   * Runs a program (or constructs a component) under these mocks and resolves once every
   * registration, invoke and output it started has settled. Rejects with the original error if
   * the function throws, if a mocked call failed (e.g. an unknown invoke), or if a resource
   * could not be registered because an input failed (an `apply` threw, an invoke used as an
   * input rejected). A failed input leaves the resources waiting on it pending for good; see
   * docs/adr/0002-failed-registrations-reject-run.md.
   */
  async run<T>(fn: () => T | Promise<T>): Promise<RunResult<T>> {
    this.assertActive();
    if (this.stalledBy !== undefined) {
      throw new Error(
        `An earlier run in this OfflineRuntime (${this.region}) failed and left registrations ` +
          `waiting on the failed resource (${asError(this.stalledBy).message}). Call ` +
          `installMocks() again before the next run.`,
      );
    }
    const start = this.recorded.length;
    const firstError = this.errors.length;
    const stopReporting = tapRun({
      report: (reason) => this.noteError(reason),
      hold: () => {
        this.pending++;
        let released = false;
        return () => {
          if (!released) this.pending--;
          released = true;
        };
      },
    });
    // Outside Jest (the phi-stack CLI) this also catches any other unhandled rejection, e.g. a
    // failed Output nothing reads. Under Jest `process` is a sandboxed copy whose listeners
    // never fire; the taps above are what report failures there.
    const saved = process.listeners('unhandledRejection');
    const collect = (reason: unknown) => {
      this.noteError(reason);
    };
    process.removeAllListeners('unhandledRejection');
    process.on('unhandledRejection', collect);
    let value: T;
    try {
      value = await fn();
      await this.settle();
    } catch (err) {
      await this.settle().catch(() => undefined);
      const cause = this.errors.length > firstError ? this.errors[firstError] : err;
      await this.markIfStalled(cause);
      throw tidied(cause);
    } finally {
      stopReporting();
      process.removeListener('unhandledRejection', collect);
      for (const l of saved) process.on('unhandledRejection', l);
    }
    if (this.errors.length > firstError) {
      await this.markIfStalled(this.errors[firstError]);
      throw tidied(this.errors[firstError]);
    }
    return { value, resources: this.recorded.slice(start) };
  }

  /**
   * Waits until no registration is in flight and the SDK's RPC queue has drained, or, once a
   * failure has been recorded, until nothing moves any more (what waits on a failed resource
   * never finishes, so waiting for the queue would hang).
   */
  async settle(): Promise<void> {
    const since = this.errors.length;
    let stableRounds = 0;
    let last = -1;
    while (stableRounds < 2) {
      const failed = this.errors.length > since;
      if (!failed && waitForRPCs !== undefined) {
        await Promise.race([waitForRPCs(), this.nextFailure()]);
      }
      await nextTurn();
      const seen = this.progress();
      const idle = this.pending === 0 || this.errors.length > since;
      stableRounds = idle && seen === last ? stableRounds + 1 : 0;
      last = seen;
    }
  }

  /** Records a failure once (the same error can reach us by several routes). */
  private noteError(err: unknown): void {
    if (!this.errors.includes(err)) this.errors.push(err);
    const wake = this.failureWake;
    this.failureWake = undefined;
    this.failureSignal = undefined;
    wake?.();
  }

  /** Resolves at the next recorded failure. */
  private nextFailure(): Promise<void> {
    this.failureSignal ??= new Promise<void>((resolve) => {
      this.failureWake = resolve;
    });
    return this.failureSignal;
  }

  private progress(): number {
    return this.recorded.length + this.invokes.length + this.errors.length + tapActivity();
  }

  /** After a failure: if the RPC queue cannot drain, later runs would hang, so refuse them. */
  private async markIfStalled(cause: unknown): Promise<void> {
    if (waitForRPCs === undefined) return;
    let drained = false;
    void waitForRPCs().then(() => {
      drained = true;
    });
    for (let i = 0; i < 3 && !drained; i++) await nextTurn();
    if (!drained) this.stalledBy = cause;
  }

  private assertActive(): void {
    if (active !== this) {
      throw new Error(
        `This OfflineRuntime (${this.region}) was replaced by a later installMocks(); ` +
          `use the runtime that installMocks() returned last.`,
      );
    }
  }

  /** The context a resource is created in: its own `region` input, its provider's, or ours. */
  private contextFor(
    inputs: Record<string, unknown>,
    provider: string | undefined,
  ): ResourceContext {
    const own = inputs['region'];
    const viaProvider = provider ? this.providerRegions.get(provider) : undefined;
    const region = typeof own === 'string' && own.length > 0 ? own : (viaProvider ?? this.region);
    const info = region === this.region ? this.info : resolveRegion(region);
    return {
      region: info.region,
      partition: info.partition,
      dnsSuffix: info.dnsSuffix,
      accountId: this.accountId,
    };
  }

  /**
   * The URN the mock monitor gives a resource (the parent's type is prefixed to the type), so
   * that ids can be derived from it before the monitor has assigned it.
   */
  private urnOf(parent: string, type: string, name: string): string {
    const parentType = parent === '' ? undefined : parent.split('::')[2]?.split('$').pop();
    const qualified = parentType === undefined ? type : `${parentType}$${type}`;
    return `urn:pulumi:${this.stack}::${this.project}::${qualified}::${name}`;
  }

  /** The generator of one resource's invented values: a function of its URN and context. */
  private idsFor(urn: string, ctx: ResourceContext): IdSource {
    return new IdSource(
      { urn, partition: ctx.partition, region: ctx.region, accountId: ctx.accountId },
      this.issued,
    );
  }

  /** @internal the Mocks object handed to `pulumi.runtime.setMocks`. */
  mocks(): pulumi.runtime.Mocks {
    return {
      call: (args) => {
        try {
          const inputs = unwrapSecrets(args.inputs) as Record<string, unknown>;
          const viaProvider = args.provider ? this.providerRegions.get(args.provider) : undefined;
          const info = viaProvider === undefined ? this.info : resolveRegion(viaProvider);
          const result = answerInvoke(args.token, inputs, {
            region: info,
            accountId: this.accountId,
          });
          this.invokes.push({ token: args.token, inputs });
          return result;
        } catch (err) {
          this.noteError(err);
          throw withDetails(err);
        }
      },
      newResource: (args) => {
        try {
          const raw = (args.inputs ?? {}) as Record<string, unknown>;
          if (!args.custom) {
            return { id: undefined, state: raw };
          }
          const urn = this.urnOf(this.currentParent, args.type, args.name);
          if (args.type.startsWith('pulumi:providers:')) {
            const ids = this.idsFor(urn, this.contextFor({}, undefined));
            return { id: args.id || ids.uuid(), state: raw };
          }
          const inputs = unwrapSecrets(raw) as Record<string, unknown>;
          const ctx = this.contextFor(inputs, args.provider);
          const ids = this.idsFor(urn, ctx);
          const { id, computed } = buildState(args.type, args.name, inputs, ctx, ids);
          const service = args.type.split(':')[1]?.split('/')[0] ?? '';
          const region =
            args.type.startsWith('aws:') && !GLOBAL_SERVICES.has(service)
              ? { region: ctx.region }
              : {};
          // Inputs are echoed with their secret markers so a secret input stays secret in
          // state, as the engine keeps it.
          const state: Record<string, unknown> = { ...raw, ...region, ...computed };
          // An attribute computed from a secret input (a name, say) stays secret, as it would
          // through the engine.
          for (const [key, v] of Object.entries(raw)) {
            if (isMarkedSecret(v)) state[key] = markSecret(state[key]);
          }
          // The engine, not the SDK, applies additionalSecretOutputs (RandomPassword.result is
          // one); MockMonitor does not, so the mocks do it.
          const current = this.current;
          if (
            current !== undefined &&
            current.getType() === args.type &&
            current.getName() === args.name
          ) {
            for (const key of current.getAdditionalsecretoutputsList()) {
              if (key in state) state[key] = markSecret(state[key]);
            }
          }
          return { id: args.id || id, state };
        } catch (err) {
          this.noteError(err);
          throw withDetails(err);
        }
      },
    };
  }

  /** @internal wraps the mock monitor so that every registration is recorded. */
  hook(monitor: HookableMonitor): void {
    const register = monitor.registerResource.bind(monitor);
    const read = monitor.readResource.bind(monitor);
    const outputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResource = (req: unknown, cb: Callback) => {
      this.pending++;
      // MockMonitor calls mocks.newResource synchronously inside registerResource, so the
      // request is visible to newResource for exactly that call.
      this.current = req as RegisterRequest;
      this.currentParent = this.current.getParent();
      try {
        return register(req, (err, resp) => {
          this.pending--;
          if (!err && resp)
            this.record(req as RegisterRequest, resp as RegisterResponse, 'register');
          if (err) this.noteError(err);
          cb(err, resp);
        });
      } finally {
        this.current = undefined;
        this.currentParent = '';
      }
    };
    monitor.readResource = (req: unknown, cb: Callback) => {
      this.pending++;
      // As for registrations, newResource runs synchronously inside this call.
      this.currentParent = (req as ReadRequest).getParent();
      try {
        return read(req, (err, resp) => {
          this.pending--;
          if (!err && resp) this.recordRead(req as ReadRequest, resp as RegisterResponse);
          if (err) this.noteError(err);
          cb(err, resp);
        });
      } finally {
        this.currentParent = '';
      }
    };
    monitor.registerResourceOutputs = (req: unknown, cb: Callback) => {
      const r = req as OutputsRequest;
      const target = this.recorded.find((x) => x.urn === r.getUrn());
      if (target !== undefined) {
        const decoded = decodeProperties(r.getOutputs()?.toJavaScript() ?? {});
        target.outputs = decoded.value;
        target.outputSecretPaths = decoded.secretPaths;
      }
      return outputs(req, cb);
    };
  }

  private record(req: RegisterRequest, resp: RegisterResponse, operation: 'register'): void {
    const inputs = decodeProperties(req.getObject()?.toJavaScript() ?? {});
    const state = decodeProperties(resp.getObject?.()?.toJavaScript() ?? {});
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((v, k) => {
      propertyDependencies[k] = v.getUrnsList();
    });
    const urn = resp.getUrn();
    const id = resp.getId?.() ?? '';
    const type = req.getType();
    if (type.startsWith('pulumi:providers:')) {
      const region = inputs.value['region'];
      if (typeof region === 'string') this.providerRegions.set(`${urn}::${id}`, region);
    }
    this.recorded.push({
      urn,
      type,
      name: req.getName(),
      parent: req.getParent() || null,
      dependsOn: [...new Set(req.getDependenciesList())],
      propertyDependencies,
      inputs: inputs.value,
      secretPaths: inputs.secretPaths,
      state: state.value,
      stateSecretPaths: state.secretPaths,
      id,
      custom: req.getCustom(),
      operation,
      provider: req.getProvider() || null,
      options: {
        protect: req.getProtect() ?? false,
        retainOnDelete: req.getRetainondelete() ?? false,
        ignoreChanges: req.getIgnorechangesList(),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        deletedWith: req.getDeletedwith() || null,
      },
    });
  }

  private recordRead(req: ReadRequest, resp: RegisterResponse): void {
    const inputs = decodeProperties(req.getProperties()?.toJavaScript() ?? {});
    const state = decodeProperties(resp.getProperties?.()?.toJavaScript() ?? {});
    this.recorded.push({
      urn: resp.getUrn(),
      type: req.getType(),
      name: req.getName(),
      parent: req.getParent() || null,
      dependsOn: [...new Set(req.getDependenciesList())],
      propertyDependencies: {},
      inputs: inputs.value,
      secretPaths: inputs.secretPaths,
      state: state.value,
      stateSecretPaths: state.secretPaths,
      id: typeof state.value['id'] === 'string' ? state.value['id'] : '',
      custom: true,
      operation: 'read',
      provider: req.getProvider() || null,
      options: {
        protect: false,
        retainOnDelete: false,
        ignoreChanges: [],
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        deletedWith: null,
      },
    });
  }
}

/**
 * Installs AWS-aware Pulumi mocks for a region and returns the runtime that records what
 * programs register. Throws {@link UnknownRegionError} for a region AWS does not have. Calling
 * it again (e.g. for another region in the same test file) resets the Pulumi runtime state and
 * replaces the previous runtime.
 */
export function installMocks(options: InstallMocksOptions): OfflineRuntime {
  const info = resolveRegion(options.region);
  installRejectionTaps();
  const runtime = new OfflineRuntime(options, info);
  const config: Record<string, string> = { 'aws:region': info.region, ...(options.config ?? {}) };
  // setMocks resets the runtime's options, monitor, feature flags, stack resource and RPC
  // queue (settings.resetOptions), so a second call starts from a clean slate.
  void pulumi.runtime.setMocks(runtime.mocks(), runtime.project, runtime.stack, false);
  pulumi.runtime.setAllConfig(config, options.secretConfigKeys ?? []);
  const monitor = pulumi.runtime.getMonitor() as unknown as HookableMonitor | undefined;
  if (monitor === undefined) {
    throw new Error(
      'pulumi.runtime.setMocks did not install a monitor; is @pulumi/pulumi duplicated?',
    );
  }
  runtime.hook(monitor);
  active = runtime;
  return runtime;
}

/** The value of an Output, Promise or plain value (deeply, like `pulumi.output`). */
export async function unwrap<T>(value: pulumi.Input<T>): Promise<pulumi.Unwrap<T>> {
  const out = pulumi.output(value) as unknown as { promise?: () => Promise<pulumi.Unwrap<T>> };
  if (typeof out.promise === 'function') {
    return out.promise();
  }
  return new Promise((resolve) => {
    pulumi.output(value).apply((v) => {
      resolve(v);
      return v;
    });
  });
}

/** True if the value is an Output marked secret (false for plain values). */
export async function isSecretOutput(value: unknown): Promise<boolean> {
  if (!pulumi.Output.isInstance(value)) return false;
  return pulumi.isSecret(value);
}
