const response = await fetch('https://www.audioscrape.com/api/notifications/1024', {
  method: 'DELETE',
  headers: {
    'Authorization': `Bearer ${process.env.AUDIOSCRAPE_API_KEY}`
  }
});
if (!response.ok) {
  throw new Error(`Audioscrape API error ${response.status}: ${await response.text()}`);
}
console.log(`Deleted (HTTP ${response.status})`);
