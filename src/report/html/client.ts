import { CAUSAL_JS } from './client/causal.js';
import { COMPARE_JS } from './client/compare.js';
import { CONTROLS_JS } from './client/controls.js';
import { DATA_JS } from './client/data.js';
import { DRAW_LANES_JS } from './client/draw-lanes.js';
import { DRAW_MESSAGES_JS } from './client/draw-messages.js';
import { DRAW_STRIPS_JS } from './client/draw-strips.js';
import { GLYPHS_JS } from './client/glyphs.js';
import { MAIN_JS } from './client/main.js';
import { PANELS_JS } from './client/panels.js';
import { STORY_JS } from './client/story.js';
import { VIEW_JS } from './client/view.js';

/**
 * The page's script: plain JS, no modules, no bundler. The parts are concatenated, in dependency
 * order, inside one function scope so that only `window.__report` is global.
 */
export const CLIENT_JS = ['(function () {', "'use strict';", DATA_JS, VIEW_JS, GLYPHS_JS, DRAW_LANES_JS, DRAW_MESSAGES_JS, DRAW_STRIPS_JS, PANELS_JS, STORY_JS, CAUSAL_JS, COMPARE_JS, CONTROLS_JS, MAIN_JS, '})();'].join('\n');
