import json
import os

import requests

response = requests.post(
    'https://www.audioscrape.com/api/notifications',
    headers={
        'Authorization': f'Bearer {os.environ["AUDIOSCRAPE_API_KEY"]}',
        'Content-Type': 'application/json'
    },
    json={
        'search_term': 'artificial intelligence',
        'webhook_url': 'https://hooks.example.org/audioscrape'
    }
)
response.raise_for_status()
alert = response.json()
print(json.dumps(alert, indent=2))
