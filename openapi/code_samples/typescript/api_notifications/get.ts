import { Audioscrape } from 'audioscrape-api';

const client = new Audioscrape(); // reads the key from AUDIOSCRAPE_API_KEY
const alerts = await client.notifications.list();
console.log(JSON.stringify(alerts.data, null, 2));
