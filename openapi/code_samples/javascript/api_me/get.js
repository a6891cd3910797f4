const response = await fetch('https://www.audioscrape.com/api/me', {
  headers: {
    'Authorization': `Bearer ${process.env.AUDIOSCRAPE_API_KEY}`
  }
});
if (!response.ok) {
  throw new Error(`Audioscrape API error ${response.status}: ${await response.text()}`);
}
const account = await response.json();
console.log(JSON.stringify(account, null, 2));
