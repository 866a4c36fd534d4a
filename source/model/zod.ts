// zod/mini tree-shakes to a few KB where the classic API adds ~70 ms to every
// start. Import as `import * as z from './zod.js'`: re-exporting a namespace
// object instead would defeat tree-shaking and pull in all of zod.
import {config} from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
