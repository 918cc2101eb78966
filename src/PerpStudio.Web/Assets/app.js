// The page script: posts forms and swaps in the panels the server renders, keeps the order preview current,
// applies live events, and runs the browser-wallet sign-in. No framework, no build step.
(() => {
  'use strict';
  const headers = { 'X-PS-Request': '1' };

  function swap(html) {
    const template = document.createElement('template');
    template.innerHTML = html;
    for (const fresh of Array.from(template.content.children)) {
      const name = fresh.getAttribute('data-panel');
      if (!name) continue;
      const current = document.querySelector(`[data-panel="${name}"]`);
      if (!current) continue;
      // never pull an input away from someone typing in it: the next event brings the panel up to date
      const active = document.activeElement;
      if (fresh.dataset.live === '1' && current.contains(active) && active.matches('input, select, textarea')) continue;
      current.replaceWith(fresh);
    }
  }

  async function post(url, body) {
    const response = await fetch(url, { method: 'POST', headers, body, credentials: 'same-origin' });
    if (response.headers.get('X-PS-Reload')) { location.reload(); return; }
    swap(await response.text());
  }

  document.addEventListener('submit', (event) => {
    const form = event.target.closest('form[data-post]');
    if (!form) return;
    event.preventDefault();
    const body = new FormData(form);
    post(form.getAttribute('data-post'), body);
  });

  let previewTimer = 0;
  function schedulePreview(event) {
    const form = event.target.closest('form[data-preview]');
    if (!form) return;
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => post(form.getAttribute('data-preview'), new FormData(form)), 150);
  }
  document.addEventListener('input', schedulePreview);
  document.addEventListener('change', schedulePreview);

  const live = document.body.getAttribute('data-live');
  if (live && window.EventSource) {
    const source = new EventSource(live);
    source.onmessage = (message) => {
      const template = document.createElement('template');
      template.innerHTML = message.data;
      for (const el of Array.from(template.content.children)) el.dataset.live = '1';
      swap(template.innerHTML);
    };
  }

  const walletButton = document.getElementById('wallet-sign-in');
  if (walletButton && window.ethereum) {
    walletButton.hidden = false;
    walletButton.addEventListener('click', async () => {
      const result = document.querySelector('[data-panel="sign-in-result"]');
      try {
        const [address] = await window.ethereum.request({ method: 'eth_requestAccounts' });
        const challengeBody = new FormData();
        challengeBody.append('address', address);
        const challenge = await (await fetch('/_ps/signin/challenge', { method: 'POST', headers, body: challengeBody })).json();
        if (challenge.error) throw new Error(challenge.error);
        const hexMessage = '0x' + Array.from(new TextEncoder().encode(challenge.message)).map((b) => b.toString(16).padStart(2, '0')).join('');
        const signature = await window.ethereum.request({ method: 'personal_sign', params: [hexMessage, address] });
        const signInBody = new FormData();
        signInBody.append('message', challenge.message);
        signInBody.append('signature', signature);
        const referral = document.getElementById('referral-code');
        if (referral && referral.value.trim()) signInBody.append('referral_code', referral.value.trim());
        const response = await fetch('/_ps/signin', { method: 'POST', headers, body: signInBody });
        if (response.headers.get('X-PS-Reload')) { location.reload(); return; }
        const refusal = await response.json();
        throw new Error(refusal.error || 'sign-in refused');
      } catch (error) {
        if (result) { result.setAttribute('role', 'alert'); result.textContent = String(error.message || error); }
      }
    });
  }
})();
