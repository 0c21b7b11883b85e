/**
 * The container definition of a TlsService, built from resolved values by a pure function so
 * tests (and the policy pack) can read the exact JSON ECS receives.
 */

/** The one port a TlsService container listens on. */
export const TLS_PORT = 443;

/** The Service Connect protocols ECS accepts on a port mapping. */
export type AppProtocol = 'http' | 'http2' | 'grpc';

export interface ContainerHealthCheck {
  readonly command: readonly string[];
  readonly interval: number;
  readonly timeout: number;
  readonly retries: number;
  readonly startPeriod: number;
}

export interface ContainerDefinitionInput {
  readonly containerName: string;
  readonly image: string;
  /** Task CPU units; the single container gets all of them. */
  readonly cpu: number;
  /** Task memory in MiB; also the container's hard limit. */
  readonly memory: number;
  /** `uid` or `uid:gid`, never root. */
  readonly user: string;
  /** Name of the port mapping that Service Connect refers to. */
  readonly portName: string;
  /** Omitted: Service Connect treats the port as opaque TCP (the app's own TLS passes through). */
  readonly appProtocol?: AppProtocol;
  readonly logGroupName: string;
  /** The deploying region, from the provider. */
  readonly region: string;
  readonly streamPrefix: string;
  /** Environment variable name to Secrets Manager ARN (optionally with `:json-key::`). */
  readonly secrets: Readonly<Record<string, string>>;
  readonly environment: Readonly<Record<string, string>>;
  /** Absolute paths mounted from task volumes, writable despite the read-only root. */
  readonly writablePaths: readonly string[];
  readonly healthCheck?: ContainerHealthCheck;
}

export interface KeyValue {
  readonly name: string;
  readonly value: string;
}

/** The subset of the ECS container definition this package writes. */
export interface ContainerDefinition {
  readonly name: string;
  readonly image: string;
  readonly essential: true;
  readonly cpu: number;
  readonly memory: number;
  readonly user: string;
  readonly privileged: false;
  readonly readonlyRootFilesystem: true;
  readonly portMappings: readonly {
    readonly name: string;
    readonly containerPort: number;
    readonly hostPort: number;
    readonly protocol: 'tcp';
    readonly appProtocol?: AppProtocol;
  }[];
  readonly linuxParameters: {
    readonly initProcessEnabled: true;
    readonly capabilities: { readonly add: readonly string[]; readonly drop: readonly string[] };
  };
  readonly systemControls: readonly { readonly namespace: string; readonly value: string }[];
  readonly logConfiguration: {
    readonly logDriver: 'awslogs';
    readonly options: Readonly<Record<string, string>>;
  };
  readonly secrets: readonly { readonly name: string; readonly valueFrom: string }[];
  readonly environment: readonly KeyValue[];
  readonly mountPoints: readonly {
    readonly sourceVolume: string;
    readonly containerPath: string;
    readonly readOnly: false;
  }[];
  readonly healthCheck?: ContainerHealthCheck;
}

/** Task volume name for the n-th writable path. */
export function writableVolumeName(index: number): string {
  return `writable-${index}`;
}

/** The container definitions (one container) for a TlsService task. */
export function buildContainerDefinitions(input: ContainerDefinitionInput): ContainerDefinition[] {
  const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const container: ContainerDefinition = {
    name: input.containerName,
    image: input.image,
    essential: true,
    cpu: input.cpu,
    memory: input.memory,
    user: input.user,
    privileged: false,
    readonlyRootFilesystem: true,
    portMappings: [
      {
        name: input.portName,
        containerPort: TLS_PORT,
        hostPort: TLS_PORT,
        protocol: 'tcp',
        ...(input.appProtocol ? { appProtocol: input.appProtocol } : {}),
      },
    ],
    linuxParameters: {
      initProcessEnabled: true,
      capabilities: { add: [], drop: ['ALL'] },
    },
    // A non-root user without capabilities may not bind below 1024 by default; lowering the
    // unprivileged start to exactly 443 lets it bind 443 and keeps every lower port privileged.
    systemControls: [{ namespace: 'net.ipv4.ip_unprivileged_port_start', value: String(TLS_PORT) }],
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': input.logGroupName,
        'awslogs-region': input.region,
        'awslogs-stream-prefix': input.streamPrefix,
      },
    },
    secrets: Object.keys(input.secrets)
      .sort(byName)
      .map((name) => ({ name, valueFrom: input.secrets[name] as string })),
    environment: Object.keys(input.environment)
      .sort(byName)
      .map((name) => ({ name, value: input.environment[name] as string })),
    mountPoints: input.writablePaths.map((containerPath, index) => ({
      sourceVolume: writableVolumeName(index),
      containerPath,
      readOnly: false,
    })),
    ...(input.healthCheck ? { healthCheck: input.healthCheck } : {}),
  };
  return [container];
}

/** A health check that asks the container's own TLS port for `path`. */
export function tlsHealthCheck(path: string): ContainerHealthCheck {
  return {
    // -k: the certificate is issued for the service name, not for 127.0.0.1.
    command: [
      'CMD-SHELL',
      `curl --fail --silent --show-error -k https://127.0.0.1:${TLS_PORT}${path} || exit 1`,
    ],
    interval: 30,
    timeout: 5,
    retries: 3,
    startPeriod: 60,
  };
}
