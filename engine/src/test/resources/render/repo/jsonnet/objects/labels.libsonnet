{ 'app.kubernetes.io/part-of': 'objects' }
