import { describe, expect, it } from "vitest";
import type { CheckEmailAnswer, SignUpBody } from "@crossfair/shared";
import type { HttpResult } from "../http/http.client.js";
import { checkSignUp, SignUpForm, signUpErrorsFrom } from "./sign-up.form.js";

const checkEmail: CheckEmailAnswer = { status: "check_email" };
const good = { displayName: "Amira Haddad", email: " amira@example.test ", password: "ten chars!" };

describe("sign-up rules", () => {
  it("accepts a complete form and sends the UI language along", () => {
    expect(checkSignUp(good, "fr")).toEqual({
      ok: true,
      body: {
        displayName: "Amira Haddad",
        email: "amira@example.test",
        password: "ten chars!",
        uiLanguage: "fr",
      },
    });
  });

  it("names each field's problem", () => {
    expect(checkSignUp({ displayName: "  ", email: "", password: "" }, "en")).toEqual({
      ok: false,
      errors: { displayName: "required", email: "required", password: "required" },
    });
    expect(
      checkSignUp({ displayName: "A", email: "not-an-address", password: "short" }, "en"),
    ).toEqual({ ok: false, errors: { email: "email", password: "passwordLength" } });
    expect(checkSignUp({ ...good, displayName: "x".repeat(121) }, "en")).toEqual({
      ok: false,
      errors: { displayName: "tooLong" },
    });
  });

  it("puts a taken address on the e-mail field, and leaves other failures whole", () => {
    expect(
      signUpErrorsFrom({ ok: false, code: "conflict", message: "taken", field: "email" }),
    ).toEqual({ email: "emailTaken" });
    expect(signUpErrorsFrom({ ok: false, code: "rate_limited", message: "slow down" })).toBeNull();
  });
});

describe("sign-up form", () => {
  function form(answers: HttpResult<CheckEmailAnswer>[]) {
    const sent: SignUpBody[] = [];
    const signUp = async (body: SignUpBody) => {
      sent.push(body);
      const answer = answers.shift();
      if (!answer) throw new Error("no answer left");
      return answer;
    };
    return { form: new SignUpForm(signUp), sent };
  }

  it("sends nothing while a field is wrong, and forgets a complaint once the field is edited", async () => {
    const { form: signUp, sent } = form([]);
    expect(await signUp.submit({ ...good, password: "short" }, "en")).toBeNull();
    expect(sent).toEqual([]);
    expect(signUp.state.errors).toEqual({ password: "passwordLength" });
    signUp.edited("password");
    expect(signUp.state.errors).toEqual({});
  });

  it("resolves to the server's check-your-email answer", async () => {
    const { form: signUp, sent } = form([{ ok: true, data: checkEmail }]);
    expect(await signUp.submit(good, "fr")).toEqual(checkEmail);
    expect(sent).toHaveLength(1);
    expect(signUp.state).toEqual({ submitting: false, errors: {}, error: null });
  });

  it("shows a taken address on its field and a lost connection above the form", async () => {
    const { form: signUp } = form([
      { ok: false, code: "conflict", message: "taken", field: "email" },
      { ok: false, code: "unavailable", message: "offline" },
    ]);
    await signUp.submit(good, "en");
    expect(signUp.state).toEqual({
      submitting: false,
      errors: { email: "emailTaken" },
      error: null,
    });
    await signUp.submit(good, "en");
    expect(signUp.state).toEqual({ submitting: false, errors: {}, error: "unavailable" });
  });

  it("ignores a second submit while the first is on its way", async () => {
    let answer: (result: HttpResult<CheckEmailAnswer>) => void = () => {};
    let calls = 0;
    const signUp = new SignUpForm(() => {
      calls += 1;
      return new Promise((resolve) => (answer = resolve));
    });
    const first = signUp.submit(good, "en");
    expect(signUp.state.submitting).toBe(true);
    expect(await signUp.submit(good, "en")).toBeNull();
    answer({ ok: true, data: checkEmail });
    expect(await first).toEqual(checkEmail);
    expect(calls).toBe(1);
  });
});
