const response = await fetch('https://www.audioscrape.com/api/v1/search', {
  method: 'POST',
  headers: {
    'Authorization': `Bearer ${process.env.AUDIOSCRAPE_API_KEY}`,
    'Content-Type': 'application/json'
  },
  body: JSON.stringify({
    query: 'artificial intelligence',
    limit: 5
  })
});
if (!response.ok) {
  throw new Error(`Audioscrape API error ${response.status}: ${await response.text()}`);
}
const data = await response.json();
console.log(JSON.stringify(data, null, 2));
