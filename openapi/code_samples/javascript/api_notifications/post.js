const response = await fetch('https://www.audioscrape.com/api/notifications', {
  method: 'POST',
  headers: {
    'Authorization': `Bearer ${process.env.AUDIOSCRAPE_API_KEY}`,
    'Content-Type': 'application/json'
  },
  body: JSON.stringify({
    search_term: 'artificial intelligence',
    webhook_url: 'https://hooks.example.org/audioscrape'
  })
});
if (!response.ok) {
  throw new Error(`Audioscrape API error ${response.status}: ${await response.text()}`);
}
const alert = await response.json();
console.log(JSON.stringify(alert, null, 2));
