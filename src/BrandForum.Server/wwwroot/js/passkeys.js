// Passkeys (WebAuthn): the server makes the options and checks the answers (Members/Passkeys); this file only
// carries them between the server and the browser's authenticator. Buttons opt in with data attributes.
(() => {
  const antiforgery = () => document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';

  const post = (url, body) => fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': antiforgery() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

  const problem = async (response) => {
    try { return (await response.json()).title ?? `Error ${response.status}`; } catch { return `Error ${response.status}`; }
  };

  // The page puts its translations of these messages on the [data-passkeys] element.
  const translated = (button, key, english) => button.closest('[data-passkeys]')?.dataset[key] || english;

  const say = (button, text) => {
    const status = button.closest('[data-passkeys]')?.querySelector('[data-passkey-status]');
    if (status) status.textContent = text;
  };

  async function addPasskey(button) {
    const name = button.closest('[data-passkeys]')?.querySelector('[data-passkey-name]')?.value;
    const options = await post('/account/passkeys/creation-options');
    if (!options.ok) return say(button, await problem(options));
    const credential = await navigator.credentials.create({
      publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(await options.json()),
    });
    const saved = await post('/account/passkeys', { credential: JSON.stringify(credential), name });
    if (!saved.ok) return say(button, await problem(saved));
    location.reload();
  }

  async function signInWithPasskey(button) {
    const options = await post('/account/passkeys/request-options');
    if (!options.ok) return say(button, await problem(options));
    const credential = await navigator.credentials.get({
      publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(await options.json()),
    });
    const signedIn = await post('/account/passkeys/sign-in', { credential: JSON.stringify(credential) });
    if (!signedIn.ok) return say(button, await problem(signedIn));
    location.assign(button.dataset.returnUrl || '/');
  }

  const run = (action) => async (event) => {
    const button = event.currentTarget;
    if (!window.PublicKeyCredential?.parseCreationOptionsFromJSON) {
      return say(button, translated(button, 'unsupported', 'This browser does not support passkeys.'));
    }
    button.disabled = true;
    try { await action(button); } catch (error) { say(button, error.name === 'NotAllowedError' ? translated(button, 'cancelled', 'Cancelled.') : error.message); }
    finally { button.disabled = false; }
  };

  document.querySelectorAll('[data-passkey-add]').forEach((b) => b.addEventListener('click', run(addPasskey)));
  document.querySelectorAll('[data-passkey-sign-in]').forEach((b) => b.addEventListener('click', run(signInWithPasskey)));
})();
