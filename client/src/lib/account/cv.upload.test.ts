import { describe, expect, it } from "vitest";
import { profile } from "./account.fixtures.js";
import {
  CV_FIELD,
  CV_UPLOAD_URL,
  CvUploader,
  readUploadAnswer,
  type UploadAnswer,
} from "./cv.upload.js";

const pdf = () => new File(["%PDF-1.4\n"], "cv.pdf", { type: "application/pdf" });
const answer = (body: unknown, status: number): UploadAnswer => ({
  status,
  body: JSON.stringify(body),
});

describe("CV upload", () => {
  it("sends the file as multipart, reports progress and resolves to the saved profile", async () => {
    const saved = { ...profile, hasCv: true };
    const progress: number[] = [];
    const sent: { url: string; file: FormDataEntryValue | null }[] = [];
    const uploader = new CvUploader(async (url, form, onProgress) => {
      sent.push({ url, file: form.get(CV_FIELD) });
      onProgress(0.5);
      progress.push(uploader.state.status === "uploading" ? uploader.state.progress : -1);
      onProgress(1);
      return answer({ profile: saved }, 201);
    });
    expect(await uploader.upload(pdf())).toEqual(saved);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe(CV_UPLOAD_URL);
    expect(sent[0]?.file).toBeInstanceOf(File);
    expect(progress).toEqual([0.5]);
    expect(uploader.state).toEqual({ status: "done", fileName: "cv.pdf" });
  });

  it("keeps the server's code for a file that is not a PDF, or too large", async () => {
    const refusals = [
      answer(
        { error: { code: "unsupported_media_type", message: "a CV must be a PDF file" } },
        415,
      ),
      answer({ error: { code: "payload_too_large", message: "too large" } }, 413),
    ];
    const uploader = new CvUploader(async () => refusals.shift() ?? answer({}, 500));
    expect(await uploader.upload(new File(["hello"], "cv.docx"))).toBeNull();
    expect(uploader.state).toEqual({
      status: "failed",
      fileName: "cv.docx",
      code: "unsupported_media_type",
    });
    await uploader.upload(pdf());
    expect(uploader.state).toMatchObject({ status: "failed", code: "payload_too_large" });
  });

  it("calls a lost connection unavailable, and a bare 413 from a proxy too large", async () => {
    const offline = new CvUploader(async () => {
      throw new Error("network error");
    });
    await offline.upload(pdf());
    expect(offline.state).toMatchObject({ status: "failed", code: "unavailable" });
    expect(readUploadAnswer({ status: 413, body: "<html>Too large</html>" })).toMatchObject({
      ok: false,
      code: "payload_too_large",
    });
    expect(readUploadAnswer({ status: 502, body: "" })).toMatchObject({ code: "unavailable" });
    expect(readUploadAnswer(answer({ profile: { hasCv: "yes" } }, 201))).toMatchObject({
      code: "internal",
    });
  });

  it("takes one upload at a time", async () => {
    let finish: (value: UploadAnswer) => void = () => {};
    let calls = 0;
    const uploader = new CvUploader(() => {
      calls += 1;
      return new Promise((resolve) => (finish = resolve));
    });
    const first = uploader.upload(pdf());
    expect(await uploader.upload(pdf())).toBeNull();
    finish(answer({ profile: { ...profile, hasCv: true } }, 201));
    await first;
    expect(calls).toBe(1);
  });
});
