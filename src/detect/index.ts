export { runDetectors, type Detector } from './detector.js';
export { DETECTORS } from './registry.js';
