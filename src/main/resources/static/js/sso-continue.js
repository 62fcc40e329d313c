// Moves on to the organisation's identity provider at once; the link stays for browsers
// without scripts.
document.getElementById('continue-sso')?.click();
