/**
 * Wires a real interview call together in the browser: the app socket, a
 * mediasoup-client Device, `navigator.mediaDevices`. The only file of this
 * folder that touches browser globals; the view calls it once per interview.
 */
import { Device } from "mediasoup-client";
import { createAppSocket } from "../connection/connection.socket.js";
import { socketLink } from "../connection/connection.link.js";
import { InterviewManager } from "./interview.manager.js";
import type { DeviceLike } from "./interview.media.js";
import type { ReceiveStats } from "./interview.stats.js";

declare global {
  interface Window {
    /** Test hook: received-media figures of the current interview. */
    __crossfairInterviewStats?: () => Promise<ReceiveStats>;
  }
}

export interface InterviewSession {
  manager: InterviewManager;
  close(): void;
}

export function openInterviewSession(interviewId: string): InterviewSession {
  // Its own socket: the interview must not depend on the hall's connection, and
  // closing it on leave tells the server at once.
  const socket = createAppSocket();
  const manager = new InterviewManager({
    interviewId,
    link: socketLink(socket),
    // mediasoup-client's generic event typing is wider than DeviceLike's overloads.
    createDevice: () => new Device() as unknown as DeviceLike,
    devices: navigator.mediaDevices,
  });
  window.__crossfairInterviewStats = () => manager.stats();
  return {
    manager,
    close() {
      manager.dispose();
      socket.disconnect();
      if (window.__crossfairInterviewStats) delete window.__crossfairInterviewStats;
    },
  };
}
