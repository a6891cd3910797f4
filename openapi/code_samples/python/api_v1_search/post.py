import json
import os

import requests

response = requests.post(
    'https://www.audioscrape.com/api/v1/search',
    headers={
        'Authorization': f'Bearer {os.environ["AUDIOSCRAPE_API_KEY"]}',
        'Content-Type': 'application/json'
    },
    json={
        'query': 'artificial intelligence',
        'limit': 5
    }
)
response.raise_for_status()
data = response.json()
print(json.dumps(data, indent=2))
