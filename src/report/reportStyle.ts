/** The report's stylesheet, inlined in every page so that a page is one self-contained file. @internal */
export const reportStyle = `
body { font-family: Helvetica, Arial, sans-serif; color: #1c2b39; margin: 0; background: #fbfcfd; }
header, main { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 20px; }
h1 { font-size: 26px; margin: 8px 0; }
h2 { font-size: 20px; margin: 32px 0 12px; border-bottom: 1px solid #d5dde6; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 20px 0 8px; }
a { color: #2a5d8f; }
.meta { color: #52667a; }
figure { margin: 0; overflow-x: auto; background: #fff; border: 1px solid #d5dde6; border-radius: 6px; padding: 8px; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; background: #fff; }
th, td { border: 1px solid #d5dde6; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef4fb; }
code { font-family: Menlo, Consolas, monospace; font-size: 12px; }
.status-proved { color: #1d6b35; font-weight: bold; }
.status-violated { color: #a12b2b; font-weight: bold; }
.status-incomplete { color: #8a5a00; font-weight: bold; }
.chart { display: block; margin: 4px 0 16px; background: #fff; border: 1px solid #d5dde6; border-radius: 6px; }
footer { max-width: 1180px; margin: 40px auto 24px; padding: 0 24px; color: #52667a; font-size: 12px; }
`;
