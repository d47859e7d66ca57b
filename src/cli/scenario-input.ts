import { findScenario, loadScenario, type LoadedScenario } from '../scenario/load.js';
import { refuseStdoutOntoInput, type InputFile } from './same-file.js';

/** The scenario file as an input no output may replace. */
export function scenarioInput(loaded: LoadedScenario): InputFile {
  return { role: 'scenario file', path: loaded.file };
}

/**
 * Load the scenario a command runs, after making sure standard output is not redirected into
 * it (the shell would already have emptied it: the parse error would blame the file).
 */
export function loadInputScenario(nameOrPath: string): LoadedScenario {
  refuseStdoutOntoInput({ role: 'scenario file', path: findScenario(nameOrPath).file });
  return loadScenario(nameOrPath);
}
