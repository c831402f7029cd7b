/**
 * Every stack lrviz reads configs of, in the order detection tries them: the first whose `detect`
 * accepts a file resolves it (a caller may name one by id instead). A new stack is a file beside
 * this one and a line here.
 */
import type { StackReader } from '../types.js';
import { deepSpeed } from './deepspeed.js';
import { hfTrainer } from './hf.js';
import { mmengine } from './mmengine.js';
import { detectron2 } from './detectron2.js';
import { megatron } from './megatron.js';
import { axolotl } from './axolotl.js';
import { timm } from './timm.js';
import { ultralytics } from './ultralytics.js';
import { lightning } from './lightning.js';
import { torchtune } from './torchtune.js';

export const STACKS: readonly StackReader[] = [torchtune, axolotl, hfTrainer, deepSpeed, mmengine, detectron2, megatron, timm, ultralytics, lightning];
