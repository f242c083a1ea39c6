/** The goodbye after a candidate deleted their account: nothing to build. */
export function build() {
  return {};
}
