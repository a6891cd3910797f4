import json
import os

import requests

response = requests.get(
    'https://www.audioscrape.com/api/notifications',
    headers={
        'Authorization': f'Bearer {os.environ["AUDIOSCRAPE_API_KEY"]}'
    }
)
response.raise_for_status()
alerts = response.json()
print(json.dumps(alerts, indent=2))
