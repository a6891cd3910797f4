const response = await fetch('https://www.audioscrape.com/api/notifications', {
  headers: {
    'Authorization': `Bearer ${process.env.AUDIOSCRAPE_API_KEY}`
  }
});
if (!response.ok) {
  throw new Error(`Audioscrape API error ${response.status}: ${await response.text()}`);
}
const alerts = await response.json();
console.log(JSON.stringify(alerts, null, 2));
