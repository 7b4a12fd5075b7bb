// A voice module that answers at once with 10 ms of silence: for benchmarks of the runner's own cost (planning,
// journal, memory), where the model's time would only hide it. Written to a temp folder by the benchmark.
export const instantVoiceSource = `'use strict';
exports.load = async () => ({
  info: { name: 'instant bench voice', sampleRate: 16000 },
  synthesize: () => new Float32Array(160),
});
`;
