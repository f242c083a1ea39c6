/**
 * Wires a real live group session together in the browser: its own app
 * socket, a mediasoup-client Device, `navigator.mediaDevices`. The only file
 * of this folder that touches browser globals; the page opens it once.
 */
import { Device } from "mediasoup-client";
import { createAppSocket } from "../connection/connection.socket.js";
import { socketLink } from "../connection/connection.link.js";
import type { DeviceLike } from "../interview/interview.media.js";
import type { ReceiveStats } from "../interview/interview.stats.js";
import { WebinarManager } from "./webinar.manager.js";

declare global {
  interface Window {
    /** Test hook: received-media figures of the open group session. */
    __crossfairWebinarStats?: () => Promise<ReceiveStats>;
  }
}

export interface WebinarSession {
  manager: WebinarManager;
  close(): void;
}

export function openWebinarSession(webinarId: string): WebinarSession {
  // Its own socket, as an interview has: closing it on leaving the page tells the server at once.
  const socket = createAppSocket();
  const manager = new WebinarManager({
    webinarId,
    link: socketLink(socket),
    createDevice: () => new Device() as unknown as DeviceLike,
    devices: navigator.mediaDevices,
  });
  window.__crossfairWebinarStats = () => manager.stats();
  return {
    manager,
    close() {
      manager.dispose();
      socket.disconnect();
      if (window.__crossfairWebinarStats) delete window.__crossfairWebinarStats;
    },
  };
}
