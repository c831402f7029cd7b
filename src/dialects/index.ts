/**
 * Framework dialects: each file registers a framework's schedulers under `framework.Symbol`, with the
 * framework's own parameter names and defaults, translated onto lrviz's shapes and combinators.
 */
import './torch.js';
import './hf.js';
import './timm.js';
import './paddle.js';
import './optax.js';
import './keras.js';
