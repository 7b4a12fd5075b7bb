// A deliberately slow voice for the "cancel a long run" scenario: every segment takes about 0.6 s (yielding to
// the event loop, as a real model's async inference does) and gives a short tone. See inference/engine/voice.ts.
'use strict';

const SAMPLE_RATE = 16000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

exports.load = async () => ({
  info: { name: 'slow test voice', sampleRate: SAMPLE_RATE },
  async synthesize(segment) {
    for (let waited = 0; waited < 600; waited += 50) await sleep(50);
    const samples = new Float32Array(Math.round(SAMPLE_RATE * (0.3 + 0.02 * segment.text.length)));
    for (let i = 0; i < samples.length; i++) samples[i] = 0.2 * Math.sin((2 * Math.PI * 330 * i) / SAMPLE_RATE);
    return samples;
  },
});
