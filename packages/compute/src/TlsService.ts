import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import {
  awsContext,
  childName,
  physicalName,
  PolicyStatement,
  SettingsCheck,
  standardTags,
} from '@phi-platform/core';
import { TrafficGroup } from '@phi-platform/networking';
import {
  AppProtocol,
  buildContainerDefinitions,
  TLS_PORT,
  tlsHealthCheck,
  writableVolumeName,
} from './container-definition';
import { EnvironmentInputs, resolveEnvironment } from './environment';
import { ecrRepositoryArn, parseEcrImage } from './image';
import {
  awsManagedPolicyArn,
  ecsInfrastructureTrustPolicy,
  ecsTasksTrustPolicy,
  executionRolePolicy,
  SERVICE_CONNECT_TLS_MANAGED_POLICY,
  serviceConnectTlsKeyPolicy,
} from './iam-policies';
import { DEFAULT_LOG_RETENTION_DAYS } from '@phi-platform/core';
import { tlsServiceProblems } from './settings';
import { taskRolePolicy } from './task-role';

const RULE_KEY = /^[a-z0-9][a-z0-9-]*$/;
const KEY_ARN = /^arn:[^:]+:kms:[^:]+:\d{12}:key\/[^*?]+$/;

/** Where the service's tasks may open connections; every rule is a separate, named rule. */
export interface TlsServiceEgress {
  /** Security group of the VPC interface endpoints (Secrets Manager, KMS, Logs, ECR): 443. */
  readonly endpointSecurityGroupId?: pulumi.Input<string>;
  /** Managed prefix lists by rule name, e.g. the S3 gateway endpoint's (ECR layers): 443. */
  readonly prefixListIds?: Readonly<Record<string, pulumi.Input<string>>>;
  /** The VPC's CIDR block: 443 to anything inside the VPC. */
  readonly vpcCidrBlock?: pulumi.Input<string>;
  /** Other security groups by rule name (a database on 5432, another service on 443, ...). */
  readonly securityGroups?: Readonly<
    Record<string, { readonly securityGroupId: pulumi.Input<string>; readonly port: number }>
  >;
}

export interface TlsServiceArgs {
  /** ARN of the ECS cluster (`ServiceCluster.clusterArn`). */
  readonly clusterArn: pulumi.Input<string>;
  /** ARN of the Service Connect namespace (`ServiceCluster.namespaceArn`). */
  readonly namespaceArn: pulumi.Input<string>;
  readonly vpcId: pulumi.Input<string>;
  /** Private subnets for the tasks (never public: tasks get no public IP). */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Image reference; an ECR image scopes the pull permissions to its repository. */
  readonly image: pulumi.Input<string>;
  /** Task CPU units: 256, 512, 1024, 2048, 4096, 8192 or 16384. */
  readonly cpu: number;
  /** Task memory in MiB, one of the values Fargate allows with `cpu`. */
  readonly memory: number;
  /** The platform key (ARN): log groups, Service Connect TLS material, secrets decryption. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** AWS Private CA (ARN) that issues the Service Connect TLS certificates. */
  readonly certificateAuthorityArn: pulumi.Input<string>;
  /**
   * Environment variable name to Secrets Manager secret ARN (optionally `:json-key::`).
   * @default {}
   */
  readonly secrets?: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * Non-secret settings. Values may be Outputs (a database or cache endpoint); they are resolved
   * before the container definition is built. A name also in `secrets`, or one that looks like
   * a credential (`*PASSWORD*`, `*TOKEN*`, `*SECRET*`, ...), is refused in the constructor; a
   * secret Output value is refused when it resolves.
   * @default {}
   */
  readonly environment?: EnvironmentInputs;
  /**
   * The only permissions of the task role (what the application itself may call).
   * @default [] (a task role without permissions)
   */
  readonly taskRoleStatements?: pulumi.Input<PolicyStatement>[];
  /** Security groups admitted on 443 (the ingress's group, calling services). */
  readonly allowedSecurityGroupIds: pulumi.Input<string>[];
  /**
   * Egress of the tasks. Tasks of this service may always reach each other on 443.
   * @default {} (no other egress)
   */
  readonly egress?: TlsServiceEgress;
  /**
   * HTTPS target group (`HttpsIngress.targetGroupArn`) to register the tasks with.
   * @default none
   */
  readonly targetGroupArn?: pulumi.Input<string>;
  /** @default 2 */
  readonly desiredCount?: number;
  /** @default '1000:1000' */
  readonly user?: string;
  /** @default 'app' */
  readonly containerName?: string;
  /** Name of the 443 port mapping. @default 'https' */
  readonly portName?: string;
  /** Service Connect discovery name and client alias. @default the component name */
  readonly discoveryName?: string;
  /**
   * Protocol Service Connect assumes on the port. Leave unset while the container terminates
   * TLS itself: the proxy then relays the encrypted stream unchanged (see docs/adr/0002).
   * @default undefined (opaque TCP)
   */
  readonly appProtocol?: AppProtocol;
  /**
   * Path the container health check requests over TLS on 443 (curl must be in the image).
   * @default '/health'
   */
  readonly healthCheckPath?: string;
  /** Set false for images without curl. @default true */
  readonly containerHealthCheck?: boolean;
  /** Writable paths despite the read-only root filesystem. @default ['/tmp'] */
  readonly writablePaths?: string[];
  /** @default 365 */
  readonly logRetentionDays?: number;
  /** @default 'X86_64' */
  readonly cpuArchitecture?: 'X86_64' | 'ARM64';
  /**
   * Allow ECS Exec into this service's tasks. Requires a cluster with `allowExecuteCommand`.
   * @default false
   */
  readonly enableExecuteCommand?: boolean;
  /** The cluster's `executeCommandLogGroupName`; required with `enableExecuteCommand`. */
  readonly executeCommandLogGroupName?: pulumi.Input<string>;
  /** Deployment environment for tags. @default 'dev' */
  readonly platformEnvironment?: string;
}

/**
 * One Fargate service whose single container serves TLS on 443, reached through Service
 * Connect with TLS and, optionally, an HTTPS load balancer target group.
 */
export class TlsService extends pulumi.ComponentResource {
  public readonly serviceArn: pulumi.Output<string>;
  public readonly serviceName: pulumi.Output<string>;
  public readonly securityGroupId: pulumi.Output<string>;
  public readonly taskRoleArn: pulumi.Output<string>;
  public readonly executionRoleArn: pulumi.Output<string>;
  public readonly infrastructureRoleArn: pulumi.Output<string>;
  public readonly logGroupName: pulumi.Output<string>;
  public readonly serviceConnectLogGroupName: pulumi.Output<string>;
  public readonly taskDefinitionArn: pulumi.Output<string>;
  public readonly discoveryName: string;

  constructor(name: string, args: TlsServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super('phi-platform:compute:TlsService', name, {}, opts);

    const secrets = args.secrets ?? {};
    const environment = args.environment ?? {};
    const user = args.user ?? '1000:1000';
    const containerName = args.containerName ?? 'app';
    const portName = args.portName ?? 'https';
    const discoveryName = args.discoveryName ?? name;
    const writablePaths = args.writablePaths ?? ['/tmp'];
    const retention = args.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
    const healthCheckPath = args.healthCheckPath ?? '/health';
    const desiredCount = args.desiredCount ?? 2;
    const enableExec = args.enableExecuteCommand ?? false;
    const plainSecretValues = Object.fromEntries(
      Object.entries(secrets).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );

    const check = new SettingsCheck(`TlsService "${name}"`);
    for (const problem of tlsServiceProblems({
      cpu: args.cpu,
      memory: args.memory,
      user,
      desiredCount,
      logRetentionDays: retention,
      secretNames: Object.keys(secrets),
      plainSecretValues,
      environmentNames: Object.keys(environment),
      writablePaths,
      healthCheckPath,
      containerName,
      portName,
      discoveryName,
      enableExecuteCommand: enableExec,
      executeCommandLogGroupName: args.executeCommandLogGroupName,
    })) {
      check.add(problem);
    }
    const ruleKeys = [
      ...Object.keys(args.egress?.securityGroups ?? {}).map((k) => ['securityGroups', k]),
      ...Object.keys(args.egress?.prefixListIds ?? {}).map((k) => ['prefixListIds', k]),
    ];
    for (const [field, key] of ruleKeys) {
      check.require(RULE_KEY.test(key as string), {
        setting: `egress.${field}.${key}`,
        value: key,
        allowed: 'a rule name of lower-case letters, digits and hyphens',
      });
    }
    for (const [rule, target] of Object.entries(args.egress?.securityGroups ?? {})) {
      check.require(Number.isInteger(target.port) && target.port > 0 && target.port < 65536, {
        setting: `egress.securityGroups.${rule}.port`,
        value: target.port,
        allowed: 'a TCP port from 1 to 65535',
      });
    }
    if (typeof args.kmsKeyArn === 'string') {
      check.require(KEY_ARN.test(args.kmsKeyArn), {
        setting: 'kmsKeyArn',
        value: args.kmsKeyArn,
        allowed: 'a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), no wildcard',
      });
    }
    check.throwIfAny();

    const ctx = awsContext({ parent: this });
    const serviceName = physicalName([name], 255);
    const tags = standardTags({
      environment: args.platformEnvironment ?? 'dev',
      component: 'TlsService',
    });

    // Log groups first, so nothing writes to a group ECS would create unencrypted.
    const logGroup = (key: string, logGroupName: string): aws.cloudwatch.LogGroup =>
      new aws.cloudwatch.LogGroup(
        childName(name, key),
        { name: logGroupName, kmsKeyId: args.kmsKeyArn, retentionInDays: retention, tags },
        { parent: this },
      );
    const appLogs = logGroup('logs', `/phi-platform/ecs/${serviceName}`);
    const proxyLogs = logGroup(
      'service-connect-logs',
      `/phi-platform/ecs/${serviceName}/service-connect`,
    );

    const roles = this.createRoles(
      name,
      args,
      ctx,
      secrets,
      [appLogs, proxyLogs],
      enableExec,
      tags,
    );
    const group = this.createTrafficGroup(name, args);

    const resolvedEnvironment = resolveEnvironment(`TlsService "${name}"`, environment);
    const containerDefinitions = pulumi
      .all([ctx, args.image, pulumi.output(secrets), appLogs.name, resolvedEnvironment])
      .apply(([c, image, secretArns, logGroupName, environmentValues]) =>
        JSON.stringify(
          buildContainerDefinitions({
            containerName,
            image,
            cpu: args.cpu,
            memory: args.memory,
            user,
            portName,
            ...(args.appProtocol ? { appProtocol: args.appProtocol } : {}),
            logGroupName,
            region: c.region,
            streamPrefix: containerName,
            secrets: secretArns,
            environment: environmentValues,
            writablePaths,
            ...(args.containerHealthCheck === false
              ? {}
              : { healthCheck: tlsHealthCheck(healthCheckPath) }),
          }),
        ),
      );

    const taskDefinition = new aws.ecs.TaskDefinition(
      childName(name, 'task'),
      {
        family: serviceName,
        cpu: String(args.cpu),
        memory: String(args.memory),
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        runtimePlatform: {
          operatingSystemFamily: 'LINUX',
          cpuArchitecture: args.cpuArchitecture ?? 'X86_64',
        },
        executionRoleArn: roles.execution.arn,
        taskRoleArn: roles.task.arn,
        containerDefinitions,
        volumes: writablePaths.map((_, index) => ({ name: writableVolumeName(index) })),
        tags,
      },
      { parent: this },
    );

    const service = new aws.ecs.Service(
      childName(name, 'service'),
      {
        name: serviceName,
        cluster: args.clusterArn,
        taskDefinition: taskDefinition.arn,
        desiredCount,
        launchType: 'FARGATE',
        platformVersion: 'LATEST',
        networkConfiguration: {
          subnets: args.subnetIds,
          securityGroups: [group.securityGroupId],
          assignPublicIp: false,
        },
        deploymentCircuitBreaker: { enable: true, rollback: true },
        enableExecuteCommand: enableExec,
        enableEcsManagedTags: true,
        propagateTags: 'SERVICE',
        ...(args.targetGroupArn
          ? {
              loadBalancers: [
                { targetGroupArn: args.targetGroupArn, containerName, containerPort: TLS_PORT },
              ],
              healthCheckGracePeriodSeconds: 60,
            }
          : {}),
        serviceConnectConfiguration: {
          enabled: true,
          namespace: args.namespaceArn,
          services: [
            {
              portName,
              discoveryName,
              clientAlias: [{ port: TLS_PORT, dnsName: discoveryName }],
              tls: {
                issuerCertAuthority: { awsPcaAuthorityArn: args.certificateAuthorityArn },
                kmsKey: args.kmsKeyArn,
                roleArn: roles.infrastructure.arn,
              },
            },
          ],
          logConfiguration: {
            logDriver: 'awslogs',
            options: {
              'awslogs-group': proxyLogs.name,
              'awslogs-region': ctx.region,
              'awslogs-stream-prefix': 'service-connect',
            },
          },
        },
        tags,
      },
      // ECS checks the roles' permissions when it creates the service and starts tasks.
      { parent: this, dependsOn: roles.attachments },
    );

    this.serviceArn = service.arn;
    this.serviceName = service.name;
    this.securityGroupId = group.securityGroupId;
    this.taskRoleArn = roles.task.arn;
    this.executionRoleArn = roles.execution.arn;
    this.infrastructureRoleArn = roles.infrastructure.arn;
    this.logGroupName = appLogs.name;
    this.serviceConnectLogGroupName = proxyLogs.name;
    this.taskDefinitionArn = taskDefinition.arn;
    this.discoveryName = discoveryName;
    this.registerOutputs({
      serviceArn: this.serviceArn,
      serviceName: this.serviceName,
      securityGroupId: this.securityGroupId,
      taskRoleArn: this.taskRoleArn,
      executionRoleArn: this.executionRoleArn,
      infrastructureRoleArn: this.infrastructureRoleArn,
      logGroupName: this.logGroupName,
      serviceConnectLogGroupName: this.serviceConnectLogGroupName,
      taskDefinitionArn: this.taskDefinitionArn,
    });
  }

  private createRoles(
    name: string,
    args: TlsServiceArgs,
    ctx: ReturnType<typeof awsContext>,
    secrets: Readonly<Record<string, pulumi.Input<string>>>,
    logGroups: aws.cloudwatch.LogGroup[],
    enableExec: boolean,
    tags: Record<string, string>,
  ): {
    execution: aws.iam.Role;
    task: aws.iam.Role;
    infrastructure: aws.iam.Role;
    attachments: pulumi.Resource[];
  } {
    const tasksTrust = ctx.apply((c) => JSON.stringify(ecsTasksTrustPolicy(c)));
    const attachments: pulumi.Resource[] = [];
    // Customer-managed policies attached to the role, not inline ones (HIPAA check IAM-05).
    const attach = (key: string, role: aws.iam.Role, policy: pulumi.Input<string>): void => {
      const managed = new aws.iam.Policy(
        childName(name, `${key}-policy`),
        { policy, tags },
        { parent: this },
      );
      attachments.push(
        new aws.iam.RolePolicyAttachment(
          childName(name, `${key}-policy`),
          { role: role.name, policyArn: managed.arn },
          { parent: this },
        ),
      );
    };

    const execution = new aws.iam.Role(
      childName(name, 'execution-role'),
      { assumeRolePolicy: tasksTrust, description: 'ECS agent: start this service', tags },
      { parent: this },
    );
    const executionPolicy = pulumi
      .all([
        ctx,
        pulumi.output(secrets),
        args.kmsKeyArn,
        args.image,
        pulumi.all(logGroups.map((g) => g.name)),
      ])
      .apply(([c, secretArns, keyArn, image, groupNames]) => {
        const ecr = parseEcrImage(image);
        if (!ecr) {
          void pulumi.log.warn(
            `TlsService "${name}": image "${image}" is not in ECR; the execution role gets ` +
              'no registry permissions and the registry must be reachable without them',
            this,
          );
        }
        return JSON.stringify(
          executionRolePolicy({
            ctx: c,
            secretValueFroms: Object.values(secretArns),
            kmsKeyArn: keyArn,
            logGroupNames: groupNames,
            ecrRepositoryArns: ecr ? [ecrRepositoryArn(c.partition, ecr)] : [],
          }),
        );
      });
    attach('execution', execution, executionPolicy);

    const task = new aws.iam.Role(
      childName(name, 'task-role'),
      { assumeRolePolicy: tasksTrust, description: 'Application of this service', tags },
      { parent: this },
    );
    const statements = args.taskRoleStatements ?? [];
    if (statements.length > 0 || enableExec) {
      const policy = pulumi
        .all([
          ctx,
          args.kmsKeyArn,
          pulumi.output(args.executeCommandLogGroupName),
          pulumi.all(statements),
        ])
        .apply(([c, keyArn, execLogGroup, given]) =>
          JSON.stringify(
            taskRolePolicy({
              ctx: c,
              statements: given,
              executeCommand:
                enableExec && execLogGroup
                  ? { kmsKeyArn: keyArn, logGroupName: execLogGroup }
                  : undefined,
            }),
          ),
        );
      attach('task', task, policy);
    }

    const infrastructure = new aws.iam.Role(
      childName(name, 'infrastructure-role'),
      {
        assumeRolePolicy: ctx.apply((c) => JSON.stringify(ecsInfrastructureTrustPolicy(c))),
        description: 'ECS: Service Connect TLS certificates of this service',
        tags,
      },
      { parent: this },
    );
    attachments.push(
      new aws.iam.RolePolicyAttachment(
        childName(name, 'infrastructure-tls'),
        {
          role: infrastructure.name,
          policyArn: ctx.apply((c) =>
            awsManagedPolicyArn(c.partition, SERVICE_CONNECT_TLS_MANAGED_POLICY),
          ),
        },
        { parent: this },
      ),
    );
    // The managed TLS policy has no kms actions; the key policy delegates to IAM (ADR 0003).
    attach(
      'infrastructure',
      infrastructure,
      pulumi
        .output(args.kmsKeyArn)
        .apply((keyArn) => JSON.stringify(serviceConnectTlsKeyPolicy(keyArn))),
    );
    return { execution, task, infrastructure, attachments };
  }

  private createTrafficGroup(name: string, args: TlsServiceArgs): TrafficGroup {
    const group = new TrafficGroup(
      childName(name, 'traffic'),
      {
        vpcId: args.vpcId,
        description: `TlsService ${name}: 443 from named sources only`,
        environment: args.platformEnvironment ?? 'dev',
      },
      { parent: this },
    );
    args.allowedSecurityGroupIds.forEach((sourceSecurityGroupId, index) => {
      group.allowFrom(`allowed-${index}`, {
        sourceSecurityGroupId,
        port: TLS_PORT,
        description: 'TLS from an allowed security group',
      });
    });
    // Tasks of one service reach each other through Service Connect on the same port.
    group.allowFrom('self-in', {
      sourceSecurityGroupId: group.securityGroupId,
      port: TLS_PORT,
      description: 'Service Connect between tasks of this service',
    });
    group.allowTo('self-out', {
      destinationSecurityGroupId: group.securityGroupId,
      port: TLS_PORT,
      description: 'Service Connect between tasks of this service',
    });
    const egress = args.egress ?? {};
    if (egress.endpointSecurityGroupId) {
      group.allowTo('endpoints', {
        destinationSecurityGroupId: egress.endpointSecurityGroupId,
        port: TLS_PORT,
        description: 'AWS APIs through the VPC interface endpoints',
      });
    }
    for (const [rule, destinationPrefixListId] of Object.entries(egress.prefixListIds ?? {})) {
      group.allowTo(`prefix-list-${rule}`, {
        destinationPrefixListId,
        port: TLS_PORT,
        description: `TLS to prefix list ${rule}`,
      });
    }
    if (egress.vpcCidrBlock) {
      group.allowTo('vpc', {
        cidrIpv4: egress.vpcCidrBlock,
        port: TLS_PORT,
        description: 'TLS inside the VPC',
      });
    }
    for (const [rule, target] of Object.entries(egress.securityGroups ?? {})) {
      group.allowTo(rule, {
        destinationSecurityGroupId: target.securityGroupId,
        port: target.port,
        description: `To ${rule} on ${target.port}`,
      });
    }
    return group;
  }
}
