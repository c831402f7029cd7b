#!/usr/bin/env node
// lrviz's command line. launch.cjs loads the bundle with the code cache the build recorded (src/cli/launch.ts).
'use strict';
const { join } = require('node:path');
require('../dist/launch.cjs').launch(join(__dirname, '../dist/cli.cjs'));
