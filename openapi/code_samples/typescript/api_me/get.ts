import { Audioscrape } from 'audioscrape-api';

const client = new Audioscrape(); // reads the key from AUDIOSCRAPE_API_KEY
const account = await client.me();
console.log(JSON.stringify(account.data, null, 2));
