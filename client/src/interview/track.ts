/**
 * Svelte action that shows a MediaStreamTrack in a <video> or <audio>
 * element. Kept out of the components so they only render.
 */
export function playTrack(node: HTMLMediaElement, track: MediaStreamTrack | null) {
  const show = (next: MediaStreamTrack | null) => {
    node.srcObject = next ? new MediaStream([next]) : null;
    if (next) void node.play().catch(() => undefined);
  };
  show(track);
  return {
    update: show,
    destroy: () => {
      node.srcObject = null;
    },
  };
}
