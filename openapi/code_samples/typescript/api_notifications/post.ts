import { Audioscrape } from 'audioscrape-api';

const client = new Audioscrape(); // reads the key from AUDIOSCRAPE_API_KEY
const alert = await client.notifications.create({
  search_term: 'artificial intelligence',
  webhook_url: 'https://hooks.example.org/audioscrape',
});
console.log(JSON.stringify(alert.data, null, 2));
