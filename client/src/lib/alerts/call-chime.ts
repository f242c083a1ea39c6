/**
 * The call chime, made with the Web Audio API rather than shipped as a sound
 * file: two soft sine notes, rising, under half a second. The audio context
 * is made on the first chime (by then the candidate has clicked in the page,
 * which browsers require before sound) and kept for the next ones.
 */
import type { AlertSound } from "./alerts.ports.js";

type AudioWindow = Window & {
  AudioContext?: typeof AudioContext;
  webkitAudioContext?: typeof AudioContext;
};

/** Each note: its pitch (Hz) and when it starts after the chime does (s). */
const NOTES = [
  { frequency: 880, at: 0 },
  { frequency: 1318.5, at: 0.16 },
];
const NOTE_SECONDS = 0.32;
const PEAK_GAIN = 0.2;

export function createCallChime(win: AudioWindow): AlertSound {
  const Context = win.AudioContext ?? win.webkitAudioContext;
  let context: AudioContext | null = null;
  const sounding = new Set<OscillatorNode>();

  return {
    play() {
      if (!Context) return;
      try {
        context ??= new Context();
        if (context.state === "suspended") void context.resume().catch(() => undefined);
        const start = context.currentTime + 0.02;
        for (const note of NOTES) sounding.add(playNote(context, note.frequency, start + note.at));
      } catch {
        // No audio device, or the browser refused: the title and notification still tell.
      }
    },
    stop() {
      for (const oscillator of sounding) {
        try {
          oscillator.stop();
        } catch {
          // Already stopped.
        }
      }
      sounding.clear();
    },
  };

  function playNote(audio: AudioContext, frequency: number, at: number): OscillatorNode {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = frequency;
    // A quick rise and an exponential fade, so the note neither clicks nor drones.
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(PEAK_GAIN, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + NOTE_SECONDS);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(at);
    oscillator.stop(at + NOTE_SECONDS + 0.02);
    oscillator.onended = () => {
      sounding.delete(oscillator);
      oscillator.disconnect();
      gain.disconnect();
    };
    return oscillator;
  }
}
