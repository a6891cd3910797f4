import { Audioscrape } from 'audioscrape-api';

const client = new Audioscrape(); // reads the key from AUDIOSCRAPE_API_KEY
const result = await client.search({ query: 'artificial intelligence', limit: 5 });
console.log(JSON.stringify(result.data, null, 2));
