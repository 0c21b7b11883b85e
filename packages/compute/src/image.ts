/**
 * Reading an image reference, so the execution role can be scoped to the ECR repository the
 * image really comes from.
 */
import { formatArn } from '@phi-platform/core';

export interface EcrImage {
  readonly accountId: string;
  readonly region: string;
  readonly repository: string;
}

// <account>.dkr.ecr[-fips].<region>.<dns suffix>/<repository>[:tag][@digest]
const ECR_IMAGE = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/;

/** The ECR coordinates of a private ECR image, or undefined for any other registry. */
export function parseEcrImage(image: string): EcrImage | undefined {
  const match = ECR_IMAGE.exec(image);
  if (!match) return undefined;
  const [, accountId, region, repository] = match as unknown as [string, string, string, string];
  return { accountId, region, repository };
}

/** `arn:<partition>:ecr:<region>:<account>:repository/<name>` */
export function ecrRepositoryArn(partition: string, image: EcrImage): string {
  return formatArn({
    partition,
    service: 'ecr',
    region: image.region,
    accountId: image.accountId,
    resource: `repository/${image.repository}`,
  });
}

/** True when the image is pinned by digest, which makes a deployment reproducible. */
export function isPinnedByDigest(image: string): boolean {
  return /@sha256:[0-9a-f]{64}$/.test(image);
}
