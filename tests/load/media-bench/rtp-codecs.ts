/**
 * The codecs the benchmarks' synthetic browsers send, as a producer's
 * rtpParameters name them: Opus, and VP8 with NACK, PLI and FIR.
 */

export const opusCodec = (payloadType: number) => ({
  mimeType: "audio/opus",
  payloadType,
  clockRate: 48_000,
  channels: 2,
});

export const vp8Codec = (payloadType: number) => ({
  mimeType: "video/VP8",
  payloadType,
  clockRate: 90_000,
  rtcpFeedback: [
    { type: "nack" },
    { type: "nack", parameter: "pli" },
    { type: "ccm", parameter: "fir" },
  ],
});
