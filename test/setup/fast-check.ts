/**
 * Property tests run from a fixed seed, so that `npm test` (and CI) is reproducible: a failure is one a
 * developer can replay. LRVIZ_FC_SEED=<n> picks another seed, LRVIZ_FC_SEED=random a fresh one per run
 * (fast-check prints the seed of any failure), which is how to go looking for new bugs.
 */
import fc from 'fast-check';

const requested = process.env.LRVIZ_FC_SEED;
if (requested !== 'random') fc.configureGlobal({ seed: requested ? Number(requested) : 20261125 });
