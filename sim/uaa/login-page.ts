/**
 * The stand-in's HTML: the login form (UAA's `login.html`, reduced to what a user and a browser test
 * need), an error page, and the signed-in home page. No script at all; one small inline stylesheet.
 */

/** UAA's messages.properties (77.x) for the `?error=` codes its login flow uses. */
const LOGIN_ERRORS: Record<string, string> = {
  login_failure: "Provided credentials are invalid. Please try again.",
  invalid_login_request:
    "Invalid login attempt, the request does not meet our security standards and may indicate that the action was not originated by you. Please try again.",
};

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:grid;place-items:center;background:#f0f0f0;color:#1b1b1b;
font:1rem/1.5 "Public Sans",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{width:min(24rem,100% - 2rem);margin:2rem 0;padding:2rem;background:#fff;border-radius:.5rem;
box-shadow:0 1px 4px rgb(0 0 0/.15)}
h1{margin:0 0 .25rem;font-size:1.75rem;line-height:1.2}
p{margin:0 0 1rem}
.note{color:#565c65;font-size:.9375rem}
label{display:block;margin:1rem 0 .25rem;font-weight:600}
input{width:100%;min-height:2.75rem;padding:.5rem .75rem;border:1px solid #565c65;border-radius:.25rem;font:inherit}
button,.button{display:inline-block;width:100%;min-height:2.75rem;margin-top:1.5rem;padding:.5rem 1rem;border:0;
border-radius:.25rem;background:#005ea2;color:#fff;font:inherit;font-weight:700;text-align:center;
text-decoration:none;cursor:pointer}
button:hover,.button:hover{background:#1a4480}
:focus-visible{outline:.25rem solid #2491ff;outline-offset:.125rem}
.alert{margin:1rem 0;padding:.75rem 1rem;border-left:.5rem solid #b50909;background:#f4e3db}
`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export function loginPage({ csrfToken, error }: { csrfToken: string; error?: string }): string {
  const message = error === undefined ? undefined : (LOGIN_ERRORS[error] ?? "Error!");
  return page(
    "Sign in · Cloud Foundry",
    `<h1>Welcome!</h1>
<p class="note">Sign in to Cloud Foundry (local stand-in).</p>
${message === undefined ? "" : `<div class="alert" role="alert">${escapeHtml(message)}</div>`}
<form action="/login.do" method="post" accept-charset="UTF-8" novalidate>
<input type="hidden" name="X-Uaa-Csrf" value="${escapeHtml(csrfToken)}">
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit">Sign in</button>
</form>`,
  );
}

export function errorPage(message: string): string {
  return page(
    "Error · Cloud Foundry",
    `<h1>Something went wrong</h1>
<p role="alert">${escapeHtml(message)}</p>`,
  );
}

export function homePage(userName: string): string {
  return page(
    "Cloud Foundry",
    `<h1>Where to?</h1>
<p>You are signed in as <strong>${escapeHtml(userName)}</strong>.</p>
<a class="button" href="/logout.do">Sign out</a>`,
  );
}
