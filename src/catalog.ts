/**
 * lrviz's catalog: every schedule it knows, lrviz's own first, then each framework's. This is the one
 * place the definitions meet; the CLI and the library hand it to whatever looks a name up.
 */
import { Catalog } from './schedules/catalog.js';
import { builtins } from './schedules/builtins.js';
import { formulaDefinitions } from './schedules/formula.js';
import { torchDefinitions } from './dialects/torch.js';
import { hfDefinitions } from './dialects/hf.js';
import { timmDefinitions } from './dialects/timm.js';
import { paddleDefinitions } from './dialects/paddle.js';
import { optaxDefinitions } from './dialects/optax.js';
import { kerasDefinitions } from './dialects/keras.js';
import { mmengineDefinitions } from './dialects/mmengine.js';
import { detectron2Definitions } from './dialects/detectron2.js';
import { ultralyticsDefinitions } from './dialects/ultralytics.js';
import { deepspeedDefinitions } from './dialects/deepspeed.js';
import { megatronDefinitions } from './dialects/megatron.js';
import { axolotlDefinitions } from './dialects/axolotl.js';
import { torchtuneDefinitions } from './dialects/torchtune.js';

export const catalog = new Catalog([
  ...builtins,
  ...formulaDefinitions,
  ...torchDefinitions,
  ...hfDefinitions,
  ...timmDefinitions,
  ...paddleDefinitions,
  ...optaxDefinitions,
  ...kerasDefinitions,
  ...mmengineDefinitions,
  ...detectron2Definitions,
  ...ultralyticsDefinitions,
  ...deepspeedDefinitions,
  ...megatronDefinitions,
  ...axolotlDefinitions,
  ...torchtuneDefinitions,
]);
