/**
 * A small plain-RTP sender standing in for a speaker's browser: Opus-sized
 * packets every 20 ms, or VP8 packets on several simulcast SSRCs, to a
 * mediasoup PlainTransport that learns the sender's address (comedia); with
 * a key, encrypted as a browser's would be (SRTP, AEAD_AES_128_GCM).
 */
import dgram from "node:dgram";
import { ProtectionProfileAeadAes128Gcm, RtpHeader, SrtpSession } from "werift-rtp";

export const OPUS_PT = 100;
export const VP8_PT = 101;

export interface RtpStream {
  ssrc: number;
  payloadType: number;
  /** Key frames (VP8) on every packet, so a consumer starting at any time can decode. */
  video?: boolean;
}

export interface RtpSender {
  stop(): Promise<void>;
  sent(): number;
}

const vp8KeyFrame = Buffer.concat([
  // VP8 payload descriptor (start of partition), then a key frame header.
  Buffer.from([0x10, 0x00, 0x00, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01]),
  Buffer.alloc(400, 0x33),
]);

/** An SRTP master key and salt (28 bytes), base64, as mediasoup takes them. */
export type SrtpKey = string;

function encrypter(keyBase64: SrtpKey) {
  const key = Buffer.from(keyBase64, "base64");
  const [masterKey, masterSalt] = [key.subarray(0, 16), key.subarray(16)];
  const session = new SrtpSession({
    keys: {
      localMasterKey: masterKey,
      localMasterSalt: masterSalt,
      remoteMasterKey: masterKey,
      remoteMasterSalt: masterSalt,
    },
    profile: ProtectionProfileAeadAes128Gcm,
  });
  return (packet: Buffer) =>
    session.encrypt(packet.subarray(12), RtpHeader.deSerialize(packet.subarray(0, 12)));
}

export function sendRtp(
  target: { ip: string; port: number },
  streams: RtpStream[],
  srtpKey?: SrtpKey,
): RtpSender {
  const socket = dgram.createSocket("udp4");
  const protect = srtpKey ? encrypter(srtpKey) : (packet: Buffer) => packet;
  let sequence = 0;
  let count = 0;
  const timer = setInterval(() => {
    sequence = (sequence + 1) & 0xffff;
    for (const stream of streams) {
      const header = Buffer.alloc(12);
      header[0] = 0x80;
      header[1] = (stream.video ? 0x80 : 0) | stream.payloadType;
      header.writeUInt16BE(sequence, 2);
      header.writeUInt32BE((sequence * (stream.video ? 3_000 : 960)) >>> 0, 4);
      header.writeUInt32BE(stream.ssrc >>> 0, 8);
      const payload = stream.video ? vp8KeyFrame : Buffer.alloc(120, 0x55);
      socket.send(protect(Buffer.concat([header, payload])), target.port, target.ip);
      count += 1;
    }
  }, 20);
  return {
    sent: () => count,
    stop: () =>
      new Promise((resolve) => {
        clearInterval(timer);
        socket.close(() => resolve());
      }),
  };
}

export const opusRtpParameters = (ssrc: number) => ({
  codecs: [{ mimeType: "audio/opus", payloadType: OPUS_PT, clockRate: 48_000, channels: 2 }],
  encodings: [{ ssrc }],
});

/** VP8 in three simulcast layers, as a browser announces them. */
export const vp8SimulcastRtpParameters = (ssrcs: [number, number, number]) => ({
  codecs: [
    {
      mimeType: "video/VP8",
      payloadType: VP8_PT,
      clockRate: 90_000,
      rtcpFeedback: [
        { type: "nack" },
        { type: "nack", parameter: "pli" },
        { type: "ccm", parameter: "fir" },
      ],
    },
  ],
  encodings: ssrcs.map((ssrc, index) => ({
    ssrc,
    scalabilityMode: "L1T3",
    scaleResolutionDownBy: 2 ** (2 - index),
  })),
});
