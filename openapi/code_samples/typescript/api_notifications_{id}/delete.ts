import { Audioscrape } from 'audioscrape-api';

const client = new Audioscrape(); // reads the key from AUDIOSCRAPE_API_KEY
await client.notifications.delete('1024');
console.log('Deleted keyword alert 1024');
