// The environment's program: every difference between environments is in Pulumi.<env>.yaml.
import { loadSettings, PhiPlatform } from '@phi-platform/platform';

/** Pulumi runs the exported function and exports what it returns as the stack outputs. */
export = async () => {
  const settings = loadSettings();
  const platform = await PhiPlatform.create('phi', settings);
  return platform.stackOutputs();
};
