import type { GraphResponse } from "./route-table.js";
import type { EmulatorUser } from "./users.js";

/**
The small HTML pages a person uses to approve a sign-in when the emulator runs without
--auto-approve: the device login page (enter the code) and the browser approval page. Plain
forms, no script; every value is escaped.
*/
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);
}

export function htmlPage(status: number, title: string, body: string): GraphResponse {
  return {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
      "X-Frame-Options": "DENY",
    },
    text: `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}
button{font-size:1rem;padding:.4rem 1.2rem;margin-right:.5rem}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
  };
}

function userChoice(users: readonly EmulatorUser[], preselected: EmulatorUser | undefined): string {
  const options = users
    .filter((u) => u.accountEnabled)
    .map((u) => {
      const selected = u.id === preselected?.id ? " selected" : "";
      return `<option value="${escapeHtml(u.userPrincipalName)}"${selected}>${escapeHtml(u.displayName)} (${escapeHtml(u.userPrincipalName)})</option>`;
    });
  return `<p><label>Sign in as <select name="upn">${options.join("")}</select></label></p>`;
}

const buttons = `<p><button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="decline">Decline</button></p>`;

export function deviceLoginPage(
  users: readonly EmulatorUser[],
  preselected: EmulatorUser | undefined,
  code: string,
): GraphResponse {
  return htmlPage(
    200,
    "oathkit emulator: device sign-in",
    `<form method="post" action="/devicelogin">
<p><label>Code <input name="user_code" value="${escapeHtml(code)}" autocomplete="off" required></label></p>
${userChoice(users, preselected)}${buttons}</form>`,
  );
}

export function approvalPage(
  action: string,
  requestId: string,
  clientId: string,
  scope: string,
  users: readonly EmulatorUser[],
  preselected: EmulatorUser | undefined,
): GraphResponse {
  return htmlPage(
    200,
    "oathkit emulator: approve sign-in",
    `<p>The application <code>${escapeHtml(clientId)}</code> asks for: <code>${escapeHtml(scope)}</code></p>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="request" value="${escapeHtml(requestId)}">
${userChoice(users, preselected)}${buttons}</form>`,
  );
}

export function messagePage(status: number, title: string, message: string): GraphResponse {
  return htmlPage(status, title, `<p>${escapeHtml(message)}</p>`);
}
