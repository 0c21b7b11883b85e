/** The optional public entry: ALB, HTTPS listeners with TLS 1.2+/1.3, HTTPS to targets. */
import { resourcePolicy, ResourcePolicy } from '../definitions';
import { T } from '../resource-types';
import { at, isDict, isUnknown, list, show } from '../values';
import { bool, num, str } from './common';

/** The listener policies every checker in the catalogue accepts (section 3 item 7). */
export const ALLOWED_SSL_POLICIES: readonly string[] = [
  'ELBSecurityPolicy-TLS13-1-2-2021-06',
  'ELBSecurityPolicy-TLS13-1-3-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
];

function isApplication(lb: Parameters<ResourcePolicy['validate']>[0]): boolean {
  const kind = str(lb, 'loadBalancerType');
  return kind === undefined || kind === 'application';
}

export const ALB_01 = resourcePolicy({
  id: 'ALB-01',
  catalogueSeverity: 'M',
  // Mandatory by the catalogue's section 3 item 1: treated as required.
  level: 'mandatory',
  description: 'Application load balancers drop invalid HTTP headers.',
  remediation: 'set dropInvalidHeaderFields: true',
  derivedFrom: [
    'HIPAA.Security-ALBHttpDropInvalidHeaderEnabled',
    'alb-http-drop-invalid-header-enabled',
    'CKV_AWS_131',
    'ELB.4',
  ],
  types: [T.loadBalancer],
  validate(lb, report) {
    if (!isApplication(lb)) return;
    const drop = bool(lb, 'dropInvalidHeaderFields');
    if (isUnknown(drop)) return report.undetermined('dropInvalidHeaderFields is not known yet');
    if (drop !== true) report.violation(`dropInvalidHeaderFields is ${show(drop)}`);
  },
});

export const ALB_02 = resourcePolicy({
  id: 'ALB-02',
  catalogueSeverity: 'H',
  description: 'Load balancers write access logs.',
  remediation:
    'set accessLogs { enabled: true, bucket, prefix } (SSE-S3 bucket, section 3 item 11)',
  derivedFrom: ['HIPAA.Security-ELBLoggingEnabled', 'elb-logging-enabled', 'CKV_AWS_91', 'ELB.5'],
  types: [T.loadBalancer],
  validate(lb, report) {
    const logs = at(lb.inputs, 'accessLogs');
    if (isUnknown(logs)) return report.undetermined('accessLogs is not known yet');
    if (!isDict(logs) || logs.enabled !== true || !logs.bucket) {
      report.violation('access logs are not enabled');
    }
  },
});

export const ALB_03 = resourcePolicy({
  id: 'ALB-03',
  catalogueSeverity: 'M',
  description: 'Load balancers have deletion protection.',
  remediation: 'set enableDeletionProtection: true',
  derivedFrom: [
    'HIPAA.Security-ELBDeletionProtectionEnabled',
    'elb-deletion-protection-enabled',
    'CKV_AWS_150',
    'ELB.6',
  ],
  types: [T.loadBalancer],
  validate(lb, report) {
    if (bool(lb, 'enableDeletionProtection') !== true)
      report.violation('deletion protection is off');
  },
});

export const LSN_01 = resourcePolicy({
  id: 'LSN-01',
  catalogueSeverity: 'H',
  description: 'An HTTP listener, if any, only redirects to HTTPS 443 (HTTP_301).',
  remediation: 'remove the HTTP listener, or make its only action a 301 redirect to HTTPS:443',
  derivedFrom: [
    'HIPAA.Security-ALBHttpToHttpsRedirection',
    'alb-http-to-https-redirection-check',
    'CKV_AWS_2',
    'CKV2_AWS_20',
    'ELB.1',
  ],
  types: [T.listener],
  validate(listener, report) {
    const protocol = str(listener, 'protocol');
    if (isUnknown(protocol)) return report.undetermined('protocol is not known yet');
    if (protocol !== 'HTTP') return;
    const actions = list(at(listener.inputs, 'defaultActions'));
    if (isUnknown(actions)) return report.undetermined('defaultActions are not known yet');
    const redirect = actions.filter(isDict);
    const only = redirect.length === 1 ? redirect[0] : undefined;
    const target = only && isDict(only.redirect) ? only.redirect : undefined;
    const ok =
      only?.type === 'redirect' &&
      target?.protocol === 'HTTPS' &&
      String(target.port) === '443' &&
      target.statusCode === 'HTTP_301';
    if (!ok) report.violation('the HTTP listener serves traffic instead of redirecting to HTTPS');
  },
});

export const LSN_02 = resourcePolicy({
  id: 'LSN-02',
  catalogueSeverity: 'H',
  description: 'Serving listeners are HTTPS on 443 with an ACM certificate.',
  remediation: "set protocol: 'HTTPS', port: 443, certificateArn: the ACM certificate ARN",
  derivedFrom: [
    'HIPAA.Security-ELBv2ACMCertificateRequired',
    'elbv2-acm-certificate-required',
    'CKV_AWS_2',
    'ELB.18',
  ],
  types: [T.listener],
  validate(listener, report) {
    const protocol = str(listener, 'protocol');
    if (isUnknown(protocol) || protocol === 'HTTP') return; // LSN-01 judges HTTP listeners.
    if (protocol !== 'HTTPS') return report.violation(`protocol is ${show(protocol)}, not HTTPS`);
    const port = num(listener, 'port');
    if (!isUnknown(port) && port !== 443) report.violation(`port is ${show(port)}, not 443`);
    const certificate = at(listener.inputs, 'certificateArn');
    if (isUnknown(certificate)) return report.undetermined('certificateArn is not known yet');
    if (typeof certificate !== 'string' || !/^arn:[^:]+:acm:/.test(certificate)) {
      report.violation(`certificateArn is ${show(certificate)}, not an ACM certificate`);
    }
  },
});

export const LSN_03 = resourcePolicy({
  id: 'LSN-03',
  catalogueSeverity: 'H',
  description: 'HTTPS listeners use a TLS 1.3/1.2 policy every checker accepts.',
  remediation: `set sslPolicy: '${ALLOWED_SSL_POLICIES[0]}'`,
  derivedFrom: ['CKV_AWS_103', 'CKV2_AWS_74', 'ELB.17', 'aws-lb-listener-configure-secure-tls'],
  types: [T.listener],
  validate(listener, report) {
    if (str(listener, 'protocol') !== 'HTTPS') return;
    const policy = str(listener, 'sslPolicy');
    if (isUnknown(policy)) return report.undetermined('sslPolicy is not known yet');
    if (!policy || !ALLOWED_SSL_POLICIES.includes(policy)) {
      report.violation(`sslPolicy is ${show(policy)}`);
    }
  },
});

export const TG_01 = resourcePolicy({
  id: 'TG-01',
  catalogueSeverity: 'H',
  description: 'Target groups speak HTTPS to ip targets on 443, health checks included.',
  remediation: "set protocol: 'HTTPS', port: 443, targetType: 'ip', healthCheck.protocol: 'HTTPS'",
  derivedFrom: ['CKV_AWS_378', 'CKV_AWS_261'],
  types: [T.targetGroup],
  validate(group, report) {
    const expected: [string, unknown][] = [
      ['protocol', 'HTTPS'],
      ['port', 443],
      ['targetType', 'ip'],
      ['healthCheck.protocol', 'HTTPS'],
    ];
    for (const [path, wanted] of expected) {
      const value = at(group.inputs, path);
      if (isUnknown(value)) report.undetermined(`${path} is not known yet`);
      else if (value !== wanted) report.violation(`${path} is ${show(value)}, not ${show(wanted)}`);
    }
  },
});

export const ACM_01 = resourcePolicy({
  id: 'ACM-01',
  catalogueSeverity: 'M',
  description: 'Certificates are DNS-validated (auto-renewing).',
  remediation: "set validationMethod: 'DNS' and add an aws.acm.CertificateValidation",
  derivedFrom: ['acm-certificate-expiration-check', 'ACM.1'],
  types: [T.certificate],
  validate(certificate, report) {
    const method = str(certificate, 'validationMethod');
    const imported = at(certificate.inputs, 'privateKey') !== undefined;
    const privateCa = at(certificate.inputs, 'certificateAuthorityArn') !== undefined;
    if (!isUnknown(method) && method !== 'DNS' && !privateCa) {
      report.violation(
        imported ? 'the certificate is imported' : `validationMethod is ${show(method)}`,
      );
    }
  },
});

const STRONG_KEYS = [
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
];

export const ACM_02 = resourcePolicy({
  id: 'ACM-02',
  catalogueSeverity: 'M',
  description: 'Certificates and the Private CA use RSA 2048+ or ECDSA P-256/P-384 keys.',
  remediation: "set keyAlgorithm: 'RSA_2048' or 'EC_prime256v1' (PCA: EC_prime256v1/RSA_2048+)",
  derivedFrom: ['ACM.2'],
  types: [T.certificate, T.certificateAuthority],
  validate(resource, report) {
    const path =
      resource.type === T.certificate
        ? 'keyAlgorithm'
        : 'certificateAuthorityConfiguration.keyAlgorithm';
    const algorithm = at(resource.inputs, path);
    if (algorithm === undefined || isUnknown(algorithm)) return;
    if (typeof algorithm !== 'string' || !STRONG_KEYS.includes(algorithm))
      report.violation(`${path} is ${show(algorithm)}`);
  },
});

export const LOAD_BALANCING_POLICIES: readonly ResourcePolicy[] = [
  ALB_01,
  ALB_02,
  ALB_03,
  LSN_01,
  LSN_02,
  LSN_03,
  TG_01,
  ACM_01,
  ACM_02,
];
