// Points RapiDoc's "try it" at this stack and, for the routes that need a token, fetches one from the local issuer
// (the same one bin/ripple token hands out) so that every route can be tried as it is. A POST left without an
// Idempotency-Key gets a fresh one. (The generated document types that header as an object — micronaut-openapi drops
// the schema of a method-level @Parameter — so RapiDoc offers a JSON box for it; anything not a plain key is replaced.)
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const doc = document.getElementById('rapidoc');
  doc.addEventListener('before-try', e => {
    const headers = e.detail.request.headers;
    const key = headers.get('Idempotency-Key');
    if (e.detail.request.method === 'POST' && (!key || /^\s*[{\[]/.test(key) || key.includes(','))) {
      headers.set('Idempotency-Key', crypto.randomUUID());
    }
  });
  doc.setAttribute('server-url', window.location.origin);
  doc.setAttribute('default-api-server', window.location.origin);
  const said = document.getElementById('token-state');
  fetch('/local/oauth2/token', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
    body: 'grant_type=client_credentials'})
    .then(response => response.ok ? response.json() : Promise.reject(new Error('no token: ' + response.status)))
    .then(token => {
      doc.addEventListener('before-try', e => e.detail.request.headers.set('Authorization', 'Bearer ' + token.access_token));
      said.textContent = 'requests carry a local token (every scope)';
    })
    .catch(e => { said.textContent = 'public routes only (' + e.message + ')'; });
});
